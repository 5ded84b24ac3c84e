"""The administration page (administrators only): every user, and the users
commands as buttons — add, disable or enable, a new password, a new role and
localities. Each change is audited by the service; none is undoable (a
password once reset, or an account disabled, is meant to stay so until an
administrator changes it again). Each is an Operation (ui/operation.py):
what was done, or why not, is said in the banner above the list. Another administrator's changes, and
sign-ins that lock or unlock an account, show as they are made (ui/live.py)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tafdesk.services.user_admin import UserAdminService, UserSummary
from tafdesk.ui.banner import Banner
from tafdesk.ui.directory.roles import SORT_ROLE
from tafdesk.ui.labels import ROLE_LABELS
from tafdesk.ui.live import ChangeSignal, LiveReload
from tafdesk.ui.operation import Operation
from tafdesk.ui.scrolling import kept_scroll
from tafdesk.ui.table_model import ReadOnlyTableModel
from tafdesk.ui.users.dialogs import AddUserDialog, PasswordDialog, RoleDialog


def status_words(user: UserSummary) -> str:
    if not user.active:
        return "Disabled"
    return f"Locked until {user.locked_until.astimezone():%H:%M}" if user.locked_until else "Active"


class UsersModel(ReadOnlyTableModel[UserSummary]):
    HEADERS = ("Username", "Name", "Role", "Localities", "Professional", "Status")

    def display(self, row: UserSummary, column: int) -> str:
        return (
            row.username,
            row.display_name,
            ROLE_LABELS[row.role],
            ", ".join(row.localities),
            row.professional or "",
            status_words(row),
        )[column]

    def extra(self, row: UserSummary, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            from tafdesk.ui.table_model import inactive_text

            return inactive_text()
        return None


class UsersPage(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        service: UserAdminService,
        *,
        needs_password: bool = True,
        changes: ChangeSignal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Users")
        self.service = service
        self._needs_password = needs_password
        self.model = UsersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(objectName="usersTable")
        self.table.setAccessibleName("Users")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton("&Add user…")
        self.enable_button = QPushButton("&Disable")
        self.password_button = QPushButton("New &password…")
        self.role_button = QPushButton("Change &role…")
        self.password_button.setVisible(needs_password)  # single sign-on: the server knows no passwords of ours
        self.banner = Banner()
        self._build()
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.table.doubleClicked.connect(lambda _index: self.change_role())
        self.add_button.clicked.connect(self.add_user)
        self.enable_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.new_password)
        self.role_button.clicked.connect(self.change_role)
        self.live = LiveReload(self, changes, lambda change: change.about("app_user", "locality"), self.refresh)
        self.refresh()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.enable_button, self.password_button, self.role_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(QLabel("Users", objectName="pageTitle"))
        layout.addWidget(
            QLabel(
                "Who may sign in, as what, and where they work. Every change is audited.",
                objectName="pageNote",
                wordWrap=True,
            )
        )
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    # -- reading ---------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        self.live.reading()
        shown = self.selected()
        chosen = select or (shown.username if shown else None)
        with kept_scroll(*(() if select else (self.table,))):
            Operation(
                self.banner, self.service.users, failed="The users could not be read.", doing="listing users"
            ).reading().done(self.model.set_rows).run()
            self._select(chosen)
        self._follow_selection()

    def selected(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]))

    def _select(self, username: str | None) -> None:
        for number, row in enumerate(self.model.rows()):
            if row.username == username:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(number, 0)).row())
                return

    def _follow_selection(self) -> None:
        user = self.selected()
        for button in (self.enable_button, self.password_button, self.role_button):
            button.setEnabled(user is not None)
        self.enable_button.setText("&Enable" if user is not None and not user.active else "&Disable")

    # -- the commands ------------------------------------------------------------

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(
            self.service.add, self._locality_names(), needs_password=self._needs_password, parent=self
        )
        dialog.accepted.connect(lambda: self._done(dialog.result_value.username, "added"))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        Operation(
            self.banner,
            lambda: self.service.set_active(user.username, not user.active),
            failed=f"{user.username} was not {'disabled' if user.active else 'enabled'}.",
            doing="managing users",
        ).done(
            lambda changed: self._done(
                changed.username, "enabled" if changed.active else "disabled: they can no longer sign in"
            )
        ).run()

    def new_password(self) -> PasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(
            user.username, lambda password: self.service.set_password(user.username, password), parent=self
        )
        dialog.accepted.connect(lambda: self._done(user.username, "given a new password"))
        dialog.open()
        return dialog

    def change_role(self) -> RoleDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = RoleDialog(
            user.username,
            user.role,
            user.localities,
            self._locality_names(),
            lambda role, places: self.service.change_role(user.username, role, places),
            parent=self,
        )
        dialog.accepted.connect(lambda: self._done(user.username, "given their new role"))
        dialog.open()
        return dialog

    def _done(self, username: str, what: str) -> None:
        self.banner.say(f"{username} {what}.")
        self.status_message.emit(f"{username} {what}.")
        self.refresh(select=username)

    def _locality_names(self) -> list[str]:
        """The localities to offer (none, and the banner says why, if they cannot be read)."""
        names: list[str] = []
        Operation(
            self.banner,
            self.service.locality_names,
            failed="The localities could not be read: the form offers none.",
            doing="listing localities",
        ).reading().done(names.extend).run()
        return names


def build_users_page(db, actor, *, changes: ChangeSignal | None = None) -> QWidget:
    from tafdesk.db.login import single_sign_on

    needs_password = db.is_sqlite or not single_sign_on()
    return UsersPage(UserAdminService(db, actor), needs_password=needs_password, changes=changes)
