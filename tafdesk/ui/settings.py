"""What tafdesk remembers between sessions, as typed attributes over QSettings.

With TAFDESK_HOME set (tests, portable installs) the settings live in an INI
file there; otherwise in the platform's usual place for the tafdesk
organisation and application names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from tafdesk.private_files import make_private, open_private, private_folder

T = TypeVar("T")

ORGANISATION = "tafdesk"
APPLICATION = "tafdesk"


class Setting(Generic[T]):
    """One value: its key, its type and its default."""

    def __init__(self, key: str, kind: type[T], default: T) -> None:
        self.key = key
        self.kind = kind
        self.default = default

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, obj: AppSettings, owner: type) -> T: ...
    def __get__(self, obj: AppSettings | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj.read(self)

    def __set__(self, obj: AppSettings, value: T) -> None:
        obj.write(self, value)


class AppSettings(QObject):
    """Typed settings. `changed` carries the key of each value written."""

    changed = Signal(str)

    last_user = Setting("session/last_user", str, "")  # fills in the sign-in dialog's username, no more
    # After this many minutes without a key press or mouse movement the window
    # locks until the password is given again (1 to 480; see idle_lock_limit).
    idle_lock_minutes = Setting("session/idle_lock_minutes", int, 15)
    window_geometry = Setting("window/geometry", QByteArray, QByteArray())
    window_state = Setting("window/state", QByteArray, QByteArray())
    inbox_folder = Setting("intake/inbox_folder", str, "")  # watched for profile files; "" watches nothing
    colour_scheme = Setting("view/colours", str, "system")  # View → Colours: system, light, dark or contrast
    # The database the first-run wizard set up (a path or a URL); --db and TAFDESK_DB come first.
    database = Setting("database/location", str, "")
    backups_keep = Setting("backups/keep", int, 14)  # daily copies of an SQLite file kept (db/backup.py)

    def __init__(self, store: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.setParent(self)

    @classmethod
    def open(cls) -> AppSettings:
        home = os.environ.get("TAFDESK_HOME")
        if home:
            store = QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
        else:
            store = QSettings(ORGANISATION, APPLICATION)
        _owner_only(Path(store.fileName()))
        return cls(store)

    def sync(self) -> None:
        self._store.sync()
        make_private(Path(self._store.fileName()))

    @property
    def idle_lock_seconds(self) -> float:
        """The idle lock's wait, kept between a minute and a working day."""
        return min(max(self.idle_lock_minutes, 1), 480) * 60.0

    @property
    def location(self) -> str:
        return self._store.fileName()

    def read(self, setting: Setting[T]) -> T:
        if not self._store.contains(setting.key):
            return setting.default
        value = self._store.value(setting.key, setting.default, type=setting.kind)
        return value if isinstance(value, setting.kind) else setting.default

    def write(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.kind):
            raise TypeError(f"{setting.key} takes {setting.kind.__name__}, not {type(value).__name__}")
        self._store.setValue(setting.key, value)
        self.changed.emit(setting.key)


def _owner_only(path: Path) -> None:
    """The settings file is made empty and private before QSettings first
    writes it (its saves keep the mode of the file they replace)."""
    if path.is_absolute() and path.suffix in (".ini", ".conf"):  # a file, not the Windows registry
        private_folder(path.parent, ours=True)
        if not path.exists():
            open_private(path, "wb").close()
        make_private(path)
