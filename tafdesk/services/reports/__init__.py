"""Reports and returns: the figures of the Reports page and the lists councils send (Annex A, Supporting Families)."""
