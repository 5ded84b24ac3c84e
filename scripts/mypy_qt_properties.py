"""A mypy plugin: a Qt object's constructor takes its properties and signals
as keywords (QLabel(objectName="hint", wordWrap=True)), which PySide6's stubs
do not say. Every QObject class's constructor, and its __init__ called from a
subclass, is given `**kwargs: Any`; every other check of those calls (the
positional arguments, their types) and of every other call stays as it is."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_STAR2, TypeInfo
from mypy.plugin import FunctionSigContext, MethodSigContext, Plugin
from mypy.types import AnyType, CallableType, FunctionLike, TypeOfAny

QOBJECT = "PySide6.QtCore.QObject"


class QtPropertyKeywords(Plugin):
    def get_function_signature_hook(self, fullname: str) -> Callable[[FunctionSigContext], FunctionLike] | None:
        return _with_keywords if self._is_qobject_class(fullname) else None

    def get_method_signature_hook(self, fullname: str) -> Callable[[MethodSigContext], FunctionLike] | None:
        owner, _, name = fullname.rpartition(".")
        return _with_keywords if name == "__init__" and self._is_qobject_class(owner) else None

    def _is_qobject_class(self, fullname: str) -> bool:
        if not fullname.startswith("PySide6."):
            return False
        node = self.lookup_fully_qualified(fullname)
        return node is not None and isinstance(node.node, TypeInfo) and node.node.has_base(QOBJECT)


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
