"""Reports and returns (issue 18): the dashboard's figures, Annex A, Supporting Families."""
