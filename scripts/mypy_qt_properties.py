"""A mypy plugin: a Qt object's constructor takes its properties and signals
as keywords (QLabel(objectName="hint", wordWrap=True)), which PySide6's stubs
say only of a class's own properties, not of those it inherits. A call of a
QObject class whose constructor is PySide6's (Qt's classes, and subclasses
that keep it) is given `**kwargs: Any`; every other check of those calls (the
positional arguments, their types) and of every other call stays as it is.
mypy asks no plugin about super().__init__(...): there, set the properties
after the call."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_STAR2, TypeInfo
from mypy.plugin import FunctionSigContext, MethodSigContext, Plugin
from mypy.types import AnyType, CallableType, FunctionLike, TypeOfAny

QOBJECT = "PySide6.QtCore.QObject"


class QtPropertyKeywords(Plugin):
    def get_function_signature_hook(self, fullname: str) -> Callable[[FunctionSigContext], FunctionLike] | None:
        """A class called: Qt's own, or a subclass that keeps Qt's constructor."""
        node = self.lookup_fully_qualified(fullname)
        info = node.node if node is not None else None
        return _with_keywords if isinstance(info, TypeInfo) and _takes_qt_constructor(info) else None

    def get_method_signature_hook(self, fullname: str) -> Callable[[MethodSigContext], FunctionLike] | None:
        """QLabel.__init__(self, ...) called by name (super().__init__ is not hooked: mypy asks no plugin)."""
        owner, _, name = fullname.rpartition(".")
        node = self.lookup_fully_qualified(owner) if name == "__init__" and owner.startswith("PySide6.") else None
        info = node.node if node is not None else None
        return _with_keywords if isinstance(info, TypeInfo) and _takes_qt_constructor(info) else None


def _takes_qt_constructor(info: TypeInfo) -> bool:
    """A QObject class whose __init__ is one of PySide6's (a subclass's own may take no keywords)."""
    if not info.has_base(QOBJECT):
        return False
    defining = next((base for base in info.mro if "__init__" in base.names), None)
    return defining is not None and defining.fullname.startswith("PySide6.")


def _with_keywords(ctx: FunctionSigContext | MethodSigContext) -> FunctionLike:
    signature = ctx.default_signature
    if ARG_STAR2 in signature.arg_kinds:
        return signature
    return _add_kwargs(signature)


def _add_kwargs(signature: CallableType) -> CallableType:
    return signature.copy_modified(
        arg_types=[*signature.arg_types, AnyType(TypeOfAny.explicit)],
        arg_kinds=[*signature.arg_kinds, ARG_STAR2],
        arg_names=[*signature.arg_names, "properties"],
    )


def plugin(version: str) -> type[Plugin]:
    return QtPropertyKeywords
