"""Bringing 360-degree profiles in: reading files, checking them against the
contract, and recognising families already known. Plain Python; the database
work is in tafdesk.services.intake."""
