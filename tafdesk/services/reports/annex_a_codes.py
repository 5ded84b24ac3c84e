"""Annex A's coded values, as Ofsted's template and Social Finance's liiatools
cleaner (spec/annex_a/data-map.yml) spell them: a letter, a bracket, then the
value. The cleaner matches a cell by its whole code first, so a cell written
exactly so is kept; anything else must survive its loose patterns or is
blanked.

Ethnicity: the Department for Education's 18 groups are a) to r); the two
codes that say why there is none share s) (the template's last choice,
"s) NOBT"; liiatools reads "s) REFU" too). A "t)" or "u)" some extracts write
is blanked by the cleaner, so none is written here."""

from __future__ import annotations

from tafdesk.models.enums import Ethnicity, Gender

E = Ethnicity

GENDER = {
    Gender.MALE: "a) Male",
    Gender.FEMALE: "b) Female",
    Gender.NOT_KNOWN: "c) Not stated/recorded",
    Gender.OTHER: "d) Neither",
}
NOT_RECORDED = GENDER[Gender.NOT_KNOWN]  # no gender held: the template's own words for it

ETHNICITY = {
    E.WBRI: "a) WBRI",
    E.WIRI: "b) WIRI",
    E.WIRT: "c) WIRT",
    E.WOTH: "d) WOTH",
    E.WROM: "e) WROM",
    E.MWBC: "f) MWBC",
    E.MWBA: "g) MWBA",
    E.MWAS: "h) MWAS",
    E.MOTH: "i) MOTH",
    E.AIND: "j) AIND",
    E.APKN: "k) APKN",
    E.ABAN: "l) ABAN",
    E.AOTH: "m) AOTH",
    E.BCRB: "n) BCRB",
    E.BAFR: "o) BAFR",
    E.BOTH: "p) BOTH",
    E.CHNE: "q) CHNE",
    E.OOTH: "r) OOTH",
    E.REFU: "s) REFU",
    E.NOBT: "s) NOBT",
}


def gender(value: Gender | None) -> str:
    return GENDER[value] if value is not None else NOT_RECORDED


def ethnicity(code: Ethnicity | None, wording_held: bool) -> str | None:
    """The coded value; None where words are held that no code was chosen
    for yet (guessing is worse than asking). Nothing held at all is the
    DfE's NOBT, information not yet obtained."""
    if code is not None:
        return ETHNICITY[code]
    return None if wording_held else ETHNICITY[E.NOBT]
