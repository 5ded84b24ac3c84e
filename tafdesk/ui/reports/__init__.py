"""The Reports area."""
