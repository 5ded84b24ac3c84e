"""Reports and returns: the dashboard's figures, Annex A, Supporting Families."""
