"""The made-up borough of Ambervale: its three localities, their towns,
streets, schools and surgeries, and fictional contact details.

Postcode areas NT, MD and SB are not real UK postcode areas; telephone numbers
come from Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx);
email addresses use the reserved .example top-level domain.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

COUNCIL = "Ambervale Council"
COUNCIL_DOMAIN = "ambervale.example"
ACCESS_TEAM = "Early Support Access Team"
ACCESS_TEAM_EMAIL = "esat@ambervale.example"

# Letters not used in the inward part of real postcodes.
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Street:
    name: str
    district: str  # outward code, e.g. "NT3"


@dataclass(frozen=True)
class LocalitySpec:
    name: str
    code: str
    venue: str
    town: str
    meeting_weekday: int  # Monday is 0
    meeting_time: tuple[int, int]  # local wall-clock time
    villages: tuple[str, ...]
    streets: tuple[Street, ...]
    primary_schools: tuple[str, ...]
    secondary_schools: tuple[str, ...]
    nurseries: tuple[str, ...]
    surgeries: tuple[str, ...]
    share: float  # of the borough's families


def _streets(district_prefix: str, names: str) -> tuple[Street, ...]:
    items = [n.strip() for n in names.split(",")]
    return tuple(Street(name, f"{district_prefix}{1 + i % 6}") for i, name in enumerate(items))


LOCALITIES: tuple[LocalitySpec, ...] = (
    LocalitySpec(
        name="North",
        code="N",
        venue="Northtown Children's Centre",
        town="Northtown",
        meeting_weekday=1,
        meeting_time=(9, 30),
        villages=("Upper Fold", "Kestrel Moor"),
        streets=_streets(
            "NT",
            "Alder Way, Beacon Road, Bramble Close, Canal Street, Chapel Lane, Coronation Terrace, "
            "Dovecote Drive, Elm Grove, Fern Avenue, Foundry Street, Gorse Close, Heather Court, "
            "Jubilee Road, Kestrel Rise, Larch Walk, Moorside Road",
        ),
        primary_schools=(
            "Northtown Primary School",
            "St Aidan's CE Primary School",
            "Fold Lane Primary School",
            "Kestrel Moor Primary School",
        ),
        secondary_schools=("Fellside Academy", "Northtown High School"),
        nurseries=("Little Acorns Nursery", "Northtown Children's Centre Nursery"),
        surgeries=("Northtown Medical Practice", "Fellside Surgery"),
        share=0.36,
    ),
    LocalitySpec(
        name="Central",
        code="C",
        venue="Middleton Central Family Hub",
        town="Middleton Central",
        meeting_weekday=2,
        meeting_time=(10, 0),
        villages=("Canal Side", "Old Middleton"),
        streets=_streets(
            "MD",
            "Lime Kiln Lane, Marsh Road, Mill Race, Mulberry Court, Orchard Crescent, Quarry Lane, "
            "Rope Walk, Spinners Row, Tannery Lane, Thistle Grove, Victoria Terrace, Weavers Close, "
            "Wharf Street, Willow Bank, Station Approach, Market Street",
        ),
        primary_schools=(
            "Middleton Park Primary School",
            "Canal Side Primary School",
            "St Catherine's Catholic Primary",
            "Old Middleton Infant and Junior School",
        ),
        secondary_schools=("Middleton Central Academy", "St Catherine's Catholic High School"),
        nurseries=("Rainbow Day Nursery", "Middleton Family Hub Nursery"),
        surgeries=("Middleton Health Centre", "Canal Side Surgery"),
        share=0.37,
    ),
    LocalitySpec(
        name="South",
        code="S",
        venue="Southbay Children's Centre",
        town="Southbay",
        meeting_weekday=3,
        meeting_time=(9, 30),
        villages=("Saltmarsh", "Lower Combe"),
        streets=_streets(
            "SB",
            "Harbour View, Saltings Way, Lighthouse Road, Promenade Terrace, Dune Close, Ferry Lane, "
            "Seacole Avenue, Anchor Court, Gull Rise, Netmakers Row, Tideway, Coastguard Cottages, "
            "Pier Street, Shingle Walk, Cliff Road, Marram Drive",
        ),
        primary_schools=(
            "Southbay Primary School",
            "Harbour Lane Primary School",
            "Saltmarsh Primary Academy",
            "Lower Combe CE Primary School",
        ),
        secondary_schools=("Southbay Community Academy", "Saltings High School"),
        nurseries=("Sandcastles Nursery", "Southbay Children's Centre Nursery"),
        surgeries=("Southbay Medical Group", "Saltmarsh Surgery"),
        share=0.27,
    ),
)


def _county_locality(
    name: str, code: str, town: str, district: str, weekday: int, time: tuple[int, int], streets: str, villages: str
) -> LocalitySpec:
    """One of the larger county's further localities (scale.py): made-up
    towns with their schools and surgeries named after them. Their groups
    meet from Tuesday to Thursday, as the first three's do (between.py
    plays the days after a group's latest meeting within that week)."""
    first, second = (v.strip() for v in villages.split(","))
    return LocalitySpec(
        name=name,
        code=code,
        venue=f"{town} Family Hub",
        town=town,
        meeting_weekday=weekday,
        meeting_time=time,
        villages=(first, second),
        streets=_streets(district, streets),
        primary_schools=(
            f"{town} Primary School",
            f"{first} Primary School",
            f"St Luke's CE Primary School, {town}",
            f"{second} Primary Academy",
        ),
        secondary_schools=(f"{town} Academy", f"{town} High School"),
        nurseries=(f"{town} Day Nursery", f"{town} Family Hub Nursery"),
        surgeries=(f"{town} Medical Practice", f"{first} Surgery"),
        share=0.3,
    )


# Postcode districts EM, WK, FB, LW, RV, TX and UD are no real UK postcode areas.
COUNTY_LOCALITIES: tuple[LocalitySpec, ...] = (
    _county_locality(
        "East",
        "E",
        "Eastmere",
        "EM",
        1,
        (13, 30),
        "Apple Row, Barley Close, Cobble Lane, Drovers Way, Ember Street, Flax Court, Gleaner Road, Hop Garden",
        "Little Mere, Reedham End",
    ),
    _county_locality(
        "West",
        "W",
        "Westwick",
        "WK",
        2,
        (14, 0),
        "Quarry Hill, Rowan Way, Sawmill Lane, Tenter Street, Upland Road, Vine Close, Warren Drive, Yew Walk",
        "Wick Green, Highfold",
    ),
    _county_locality(
        "Fells",
        "F",
        "Fellbridge",
        "FB",
        3,
        (13, 30),
        "Beck Side, Cairn Road, Dale View, Ghyll Lane, Heron Close, Ivy Bank, Packhorse Way, Scar Terrace",
        "Top o' Fell, Bridge End",
    ),
    _county_locality(
        "Moor",
        "M",
        "Lowmoor",
        "LW",
        1,
        (10, 0),
        "Bilberry Lane, Curlew Close, Grouse Road, Heath Way, Lapwing Drive, Peat Street, Stonechat Rise, Tor View",
        "High Moor, Lowmoor Edge",
    ),
    _county_locality(
        "River",
        "R",
        "Rivermouth",
        "RV",
        2,
        (9, 30),
        "Bargeman Row, Eel Lane, Lock Street, Mooring Way, Oxbow Close, Punt Road, Weir View, Wherry Court",
        "Ferry Reach, Marsh End",
    ),
    _county_locality(
        "Cross",
        "X",
        "Thornley Cross",
        "TX",
        3,
        (10, 0),
        "Coaching Way, Crossways, Drayman Street, Farrier Close, Milestone Road, Posting Lane, Tollgate, Wain Walk",
        "Thornley Green, Four Lanes",
    ),
    _county_locality(
        "Dales",
        "D",
        "Upperdale",
        "UD",
        2,
        (13, 30),
        "Cheesepress Lane, Dairy Road, Fold Yard, Hayloft Close, Laithe Street, Meadow Bank, Sheepwash Way, Stile Row",
        "Nether Dale, Dale Head",
    ),
)


COLLEGE = "Ambervale College"
BUILDING_NAMES = ("Kestrel House", "Linden Court", "Harbour Point", "Mill House", "Beacon Heights", "Ash Court")


def postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"


def home_address(rng: random.Random, spec: LocalitySpec) -> tuple[str, str | None, str, str]:
    """(line1, line2, town, postcode) of a family home in the locality."""
    street = rng.choice(spec.streets)
    line2 = rng.choice(spec.villages) if rng.random() < 0.2 else None
    if rng.random() < 0.22:
        line1 = f"Flat {rng.randint(1, 24)}, {rng.choice(BUILDING_NAMES)}, {street.name}"
    else:
        line1 = f"{rng.randint(1, 140)} {street.name}"
    return line1, line2, spec.town, postcode(rng, street.district)


def landline(rng: random.Random) -> str:
    return f"01632 960{rng.randint(0, 999):03d}"


def mobile(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower().replace("'", "")).strip("-").replace("--", "-")
