"""Alembic migrations, shipped inside the package so an installed tafdesk can
upgrade its own database."""
