"""One case, everything about it in one place (window.py), its sections made
from one table (sections.py); and the global family search that opens it
(search.py)."""
