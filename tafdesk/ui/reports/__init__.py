"""The Reports area: the dashboard of a period's figures for a locality (or
every locality the user may see), each down to the families behind it, its
tables written to CSV or XLSX, and the board pack."""
