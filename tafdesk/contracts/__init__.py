"""Data contracts with systems outside tafdesk, shipped as package data."""

from pathlib import Path

PROFILE360_SCHEMA = Path(__file__).resolve().parent / "profile360-v1.schema.json"
