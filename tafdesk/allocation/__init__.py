"""Caseload balancing and choosing a lead professional: plain Python and
numpy, no Qt and no database. The services gather the facts; this decides."""
