"""Free-text ethnicity, as 360° profiles and older records carry it, mapped to
the Department for Education's codes where the wording says one code and
only one. Anything else (a bare "Mixed", a nationality alone, a typo) maps to
nothing and waits for a person to choose (services/ethnicity.py): guessing a
child's ethnicity is worse than asking."""

from __future__ import annotations

import re
import unicodedata

from tafdesk.models.enums import Ethnicity

E = Ethnicity

# The broad group a wording may open with ("Black British - Caribbean"),
# longest first so that "black or black british" is taken whole.
GROUPS: tuple[tuple[str, str], ...] = (
    ("white english welsh scottish northern irish or british", "white british"),
    ("mixed or multiple ethnic groups", "mixed"),
    ("asian or asian british", "asian"),
    ("black african caribbean or black british", "black"),
    ("black or black british", "black"),
    ("mixed dual background", "mixed"),
    ("other ethnic group", "other"),
    ("british asian", "asian"),
    ("asian british", "asian"),
    ("black british", "black"),
    ("british black", "black"),
    ("white british", "white british"),
    ("mixed", "mixed"),
    ("white", "white"),
    ("asian", "asian"),
    ("black", "black"),
)
OTHER = {"white": E.WOTH, "mixed": E.MOTH, "asian": E.AOTH, "black": E.BOTH, "other": E.OOTH}
# Within a group, what follows it; "" is the group said alone.
WITHIN: dict[str, dict[str, E]] = {
    "white british": {"": E.WBRI},
    "white": {
        "british": E.WBRI,
        "english": E.WBRI,
        "scottish": E.WBRI,
        "welsh": E.WBRI,
        "northern irish": E.WBRI,
        "irish": E.WIRI,
        "irish traveller": E.WIRT,
        "traveller of irish heritage": E.WIRT,
        "gypsy or roma": E.WROM,
        "gypsy roma": E.WROM,
        "gypsy": E.WROM,
        "roma": E.WROM,
    },
    "mixed": {
        "white and black caribbean": E.MWBC,
        "white and black african": E.MWBA,
        "white and asian": E.MWAS,
    },
    "asian": {"indian": E.AIND, "pakistani": E.APKN, "bangladeshi": E.ABAN, "chinese": E.CHNE},
    "black": {
        "caribbean": E.BCRB,
        "african": E.BAFR,
        "somali": E.BAFR,
        "nigerian": E.BAFR,
        "ghanaian": E.BAFR,
        "sierra leonean": E.BAFR,
        "eritrean": E.BAFR,
    },
    "other": {"": E.OOTH, "arab": E.OOTH},
}
# Said without a group.
ALONE: dict[str, E] = {
    "english": E.WBRI,
    "scottish": E.WBRI,
    "welsh": E.WBRI,
    "irish traveller": E.WIRT,
    "traveller of irish heritage": E.WIRT,
    "gypsy roma": E.WROM,
    "gypsy or roma": E.WROM,
    "roma": E.WROM,
    "white and black caribbean": E.MWBC,
    "white and black african": E.MWBA,
    "white and asian": E.MWAS,
    "indian": E.AIND,
    "pakistani": E.APKN,
    "bangladeshi": E.ABAN,
    "caribbean": E.BCRB,
    "african": E.BAFR,
    "chinese": E.CHNE,
    "arab": E.OOTH,
    "any other ethnic group": E.OOTH,
    "any other white background": E.WOTH,
    "any other mixed background": E.MOTH,
    "any other mixed or multiple ethnic background": E.MOTH,
    "any other asian background": E.AOTH,
    "any other black background": E.BOTH,
    "any other black african or caribbean background": E.BOTH,
    "refused": E.REFU,
    "information refused": E.REFU,
    "declined": E.REFU,
    "declined to say": E.REFU,
    "prefer not to say": E.REFU,
    "not obtained": E.NOBT,
    "information not yet obtained": E.NOBT,
    "not yet obtained": E.NOBT,
    "not known": E.NOBT,
}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, "&" read as "and", one space between words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def code_for(text: str | None) -> E | None:
    """The DfE code the wording unambiguously means, or None."""
    if not text or not text.strip():
        return None
    words = normalise(text)
    if words.upper() in E.__members__:
        return E(words.upper())
    if words in ALONE:
        return ALONE[words]
    for opening, group in GROUPS:
        if words == opening or words.startswith(opening + " "):
            rest = words[len(opening) :].strip()
            return _within(group, rest)
    return None


def _within(group: str, rest: str) -> E | None:
    found = WITHIN.get(group, {})
    if rest in found:
        return found[rest]
    for other in ("any other", "other"):
        if rest == other or rest.startswith(other + " "):
            named = rest[len(other) :].strip()
            if named.endswith(" background"):
                named = named[: -len(" background")].strip()
            if named in found:  # "Asian Other - Chinese" names a code of its own
                return found[named]
            base = group.split()[0]
            return OTHER.get(base)
    return None
