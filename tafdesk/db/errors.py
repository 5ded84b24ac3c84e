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
