"""The Directory area: agencies and their professionals, searched, filtered
and edited through the DirectoryService, with undo."""
