"""tafdesk: early help case allocation and Team Around the Family work."""

__version__ = "0.1.0"
