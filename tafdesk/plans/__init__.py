"""TAF plan content and its rules, in plain Python: the SMART check, the
differences between two versions, and the review schedule."""
