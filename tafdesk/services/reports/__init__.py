"""Reports and returns: figures, lists and claims drawn from the case work."""
