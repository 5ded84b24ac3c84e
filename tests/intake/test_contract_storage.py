"""What the contract accepts, the database stores: every text field of the
profile contract has a column at least as long as the contract allows, and
the longest names the contract allows are imported on both databases."""

from __future__ import annotations

from sqlalchemy import Text, select

from tafdesk.contracts import _max_lengths
from tafdesk.models import Base, Person, Profile360
from tests.intake.conftest import make_profile, write

NOT_TEXT_COLUMNS = {
    ("profile", "needs", "members"),
    ("profile", "agency_involvement", "members"),
    ("profile", "risks", "members"),
    ("nonEmpty",),
}  # member links, and the shared definition


def _columns():
    for table in Base.metadata.tables.values():
        for column in table.columns:
            if "contract" in column.info:
                yield column


def test_every_contract_text_field_fits_its_columns():
    contract = _max_lengths()
    columns = list(_columns())
    covered = {column.info["contract"] for column in columns}
    assert set(contract) - NOT_TEXT_COLUMNS - covered == set(), "a contract field with no column said to hold it"
    for column in columns:
        limit = contract[column.info["contract"]]
        length = getattr(column.type, "length", None)
        if limit is None:
            assert isinstance(column.type, Text) or length is None, f"{column} must be unbounded"
        else:
            assert length is None or length >= limit, f"{column} holds {length}, the contract allows {limit}"


def test_the_longest_names_the_contract_allows_are_stored(intake, directory, tmp_path):
    long = "Okonkwo" * 2857  # 19,999 letters
    profile = make_profile()
    profile["family"]["family_name"] = long
    profile["family"]["members"][0]["first_name"] = long
    profile["family"]["members"][0]["relationship"] = "mother " * 500
    profile["family"]["address"]["line1"] = "7" + long  # 20,000: the most allowed
    report = intake.import_path(write(tmp_path / "long.json", profile))
    assert not report.rejected, report.errors
    with directory.reader() as s:
        assert s.scalar(select(Profile360.family_name)) == long
        assert long in s.scalars(select(Person.given_name)).all()
