"""Storage failures, each with a message a user can act on."""


class StorageError(Exception):
    """The database cannot be opened or used; the message says why and what to do."""


class NotATafdeskDatabase(StorageError):
    pass


class DatabaseFromNewerVersion(StorageError):
    pass


class DatabaseNeedsUpgrade(StorageError):
    pass


class DatabaseUnreachable(StorageError):
    pass


class ReadOnlyLocation(StorageError):
    pass


class DatabaseDamaged(StorageError):
    pass


def damaged_message(where: str) -> str:
    """What to say about a damaged SQLite file: where the copies are."""
    from tafdesk.paths import backup_dir

    return (
        f"{where} is damaged, so tafdesk will not write to it. Restore a good copy with "
        f"`tafdesk db restore BACKUP`: tafdesk keeps one a day and one from before each upgrade in "
        f"{backup_dir()}; `tafdesk db check --db BACKUP` says whether a copy is sound."
    )


class CannotCreateRoles(StorageError):
    pass


class NotTheOwner(StorageError):
    pass
