"""The desktop interface (PySide6). The only part of tafdesk that imports Qt.

Widgets are handed the services they need; none of them holds a database
session or runs SQL.
"""
