"""Names for the synthetic council's people, grouped by heritage.

Every combination is made up. The lists deliberately avoid the surnames of
anyone named in the domain sources or the example profile (see AVOIDED), so
that no generated person can be mistaken for a real one from those documents.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from tafdesk.demo.odds import Odds

# Surnames of real people in /work/shared/domain/sources and the example
# profile. None of them may appear in generated data; tests check this.
AVOIDED = (
    "Whitlock",
    "Ellison",
    "Raman",
    "Aske",
    "Brannigan",
    "Brackenbury",
    "Stathers",
    "Tracey",
    "Wilson",
    "Brazil",
    "Green",
    "Goulding",
    "Littleton",
    "Foster",
    "Olsson",
    "Jones",
    "Turner",
    "DeAlyn",
    "McIntyre",
)


@dataclass(frozen=True)
class Heritage:
    key: str
    weight: float
    ethnicity: str
    languages: tuple[str, ...]  # first languages of adults, repeated to weight them
    female: tuple[str, ...]
    male: tuple[str, ...]
    # "Kowalski|Kowalska": a surname with a male and a female form.
    surnames: tuple[str, ...]
    interpreter_share: float = 0.0  # of families whose language is not English

    def surname(self, rng: random.Random) -> str:
        return rng.choice(self.surnames)


def gendered(surname: str, female: bool) -> str:
    """The form of a surname for a man or a woman ("Kowalski|Kowalska")."""
    if "|" not in surname:
        return surname
    male_form, female_form = surname.split("|", 1)
    return female_form if female else male_form


HERITAGES: tuple[Heritage, ...] = (
    Heritage(
        "white_british",
        48,
        "White British",
        ("English",),
        female=(
            "Amelia",
            "Olivia",
            "Isla",
            "Freya",
            "Poppy",
            "Zoë",
            "Lily",
            "Ellie",
            "Chloe",
            "Megan",
            "Kayleigh",
            "Stacey",
            "Gemma",
            "Leanne",
            "Danielle",
            "Hayley",
            "Charlotte",
            "Rebecca",
            "Sophie",
            "Kirsty",
            "Jodie",
            "Tegan",
            "Evie",
            "Harper",
            "Ruby",
            "Courtney",
            "Shannon",
        ),
        male=(
            "Oliver",
            "Harry",
            "Jack",
            "Charlie",
            "George",
            "Alfie",
            "Leo",
            "Noah",
            "Freddie",
            "Tyler",
            "Callum",
            "Liam",
            "Ryan",
            "Jamie",
            "Dean",
            "Craig",
            "Shaun",
            "Wayne",
            "Connor",
            "Kieran",
            "Mason",
            "Riley",
            "Archie",
            "Tommy",
            "Reece",
            "Bradley",
            "Logan",
        ),
        surnames=(
            "Smith",
            "Taylor",
            "Brown",
            "Davies",
            "Evans",
            "Roberts",
            "Walker",
            "Wright",
            "Thompson",
            "White",
            "Hughes",
            "Edwards",
            "Hall",
            "Wood",
            "Harris",
            "Clarke",
            "Jackson",
            "Lewis",
            "Robinson",
            "Cooper",
            "Ward",
            "Morris",
            "Bailey",
            "Marsh",
            "Pickering",
            "Hollis",
            "Dawson",
            "Fenwick",
            "Shaw",
            "Kershaw",
            "Ashworth",
            "Barraclough",
            "Heywood",
            "Lockwood",
            "Pennington",
            "Sutcliffe",
            "Holroyd",
            "Brierley",
        ),
    ),
    Heritage(
        "irish",
        4,
        "White Irish",
        ("English",),
        female=("Siobhán", "Aoife", "Niamh", "Ciara", "Róisín", "Sinéad", "Orla", "Caoimhe", "Saoirse", "Bríd"),
        male=("Seán", "Ciarán", "Pádraig", "Eoin", "Cathal", "Darragh", "Oisín", "Conor", "Declan", "Éamon"),
        surnames=(
            "Murphy",
            "O'Sullivan",
            "Byrne",
            "Doyle",
            "Kavanagh",
            "Gallagher",
            "Donnelly",
            "Quinlan",
            "Ó Ceallaigh",
            "Mac Giolla Phádraig",
            "Ó Briain|Ní Bhriain",
            "Fitzgerald",
        ),
    ),
    Heritage(
        "polish",
        6,
        "White Other (Polish)",
        ("Polish", "Polish", "English"),
        female=(
            "Zofia",
            "Agnieszka",
            "Małgorzata",
            "Katarzyna",
            "Joanna",
            "Magdalena",
            "Zuzanna",
            "Wiktoria",
            "Julia",
            "Anna",
            "Łucja",
        ),
        male=(
            "Łukasz",
            "Piotr",
            "Krzysztof",
            "Tomasz",
            "Paweł",
            "Michał",
            "Jakub",
            "Szymon",
            "Wojciech",
            "Mateusz",
            "Aleksander",
        ),
        surnames=(
            "Kowalski|Kowalska",
            "Nowak",
            "Wiśniewski|Wiśniewska",
            "Wójcik",
            "Kamiński|Kamińska",
            "Zieliński|Zielińska",
            "Szymański|Szymańska",
            "Dąbrowski|Dąbrowska",
            "Mazur",
            "Król",
            "Kowalczyk",
            "Lewandowski|Lewandowska",
        ),
        interpreter_share=0.3,
    ),
    Heritage(
        "romanian",
        4,
        "White Other (Romanian)",
        ("Romanian", "Romanian", "English"),
        female=("Ioana", "Andreea", "Elena", "Mihaela", "Alexandra", "Bianca", "Ștefania", "Larisa"),
        male=("Andrei", "Ionuț", "Mihai", "Florin", "Cristian", "Bogdan", "Răzvan", "Ștefan"),
        surnames=(
            "Popescu",
            "Ionescu",
            "Dumitru",
            "Stan",
            "Constantin",
            "Munteanu",
            "Lungu",
            "Țurcanu",
            "Rusu",
            "Moldovan",
        ),
        interpreter_share=0.35,
    ),
    Heritage(
        "pakistani",
        7,
        "Asian British - Pakistani",
        ("English", "Urdu", "Punjabi"),
        female=("Ayesha", "Fatima", "Zainab", "Maryam", "Hira", "Sana", "Amina", "Iqra", "Noor", "Alishba"),
        male=("Muhammad", "Ibrahim", "Yusuf", "Hamza", "Bilal", "Imran", "Zain", "Ayaan", "Usman", "Adeel"),
        surnames=(
            "Khan",
            "Hussain",
            "Ahmed",
            "Iqbal",
            "Akhtar",
            "Mahmood",
            "Rashid",
            "Siddiqui",
            "Qureshi",
            "Butt",
            "Malik",
            "Shah",
        ),
        interpreter_share=0.15,
    ),
    Heritage(
        "indian",
        4,
        "Asian British - Indian",
        ("English", "Gujarati", "Punjabi"),
        female=("Ananya", "Aarti", "Kiran", "Simran", "Harpreet", "Meera", "Anjali", "Diya"),
        male=("Arjun", "Rohan", "Vikram", "Harjit", "Sanjay", "Dev", "Aarav", "Gurpreet"),
        surnames=("Patel", "Sharma", "Singh", "Mistry", "Gill", "Sandhu", "Chauhan", "Joshi", "Parmar"),
        interpreter_share=0.1,
    ),
    Heritage(
        "bangladeshi",
        3,
        "Asian British - Bangladeshi",
        ("Bengali", "Sylheti", "English"),
        female=("Tahmina", "Nusrat", "Farzana", "Sumaiya", "Rukhsana", "Jannat", "Shirin"),
        male=("Rahim", "Shahid", "Abdul", "Tanvir", "Rayhan", "Sabbir", "Jamal"),
        surnames=("Miah", "Uddin", "Rahman", "Islam", "Chowdhury", "Begum|Begum", "Hoque"),
        interpreter_share=0.3,
    ),
    Heritage(
        "caribbean",
        5,
        "Black British - Caribbean",
        ("English",),
        female=("Shanice", "Tanisha", "Marcia", "Janelle", "Keisha", "Aaliyah", "Nia", "Imani"),
        male=("Jerome", "Marlon", "Tyrone", "Delroy", "Andre", "Kemar", "Jaden", "Malachi"),
        surnames=(
            "Campbell",
            "Grant",
            "Francis",
            "Bennett",
            "Williams",
            "Henry",
            "Reid",
            "Gayle",
            "Forbes",
            "Samuels",
            "McKenzie",
        ),
    ),
    Heritage(
        "west_african",
        6,
        "Black British - African",
        ("English", "Yoruba", "Twi", "Igbo"),
        female=("Adaeze", "Chiamaka", "Ngozi", "Folake", "Abena", "Ama", "Oluwaseun", "Temitope", "Efua"),
        male=("Chinedu", "Emeka", "Kwame", "Kofi", "Tunde", "Olumide", "Femi", "Yaw", "Obinna", "Ayodele"),
        surnames=(
            "Okafor",
            "Adeyemi",
            "Mensah",
            "Boateng",
            "Okonkwo",
            "Adebayo",
            "Asante",
            "Oduya",
            "Nwosu",
            "Owusu",
            "Eze",
            "Ogunleye",
        ),
        interpreter_share=0.05,
    ),
    Heritage(
        "somali",
        3,
        "Black British - Somali",
        ("Somali", "Somali", "English"),
        female=("Hodan", "Amran", "Faduma", "Sahra", "Ifrah", "Hibaq", "Nasteho"),
        male=("Abdirahman", "Mohamed", "Abdullahi", "Said", "Ilyas", "Hassan", "Guled"),
        surnames=("Warsame", "Abdi", "Farah", "Hirsi", "Osman", "Jama", "Egal", "Duale"),
        interpreter_share=0.4,
    ),
    Heritage(
        "vietnamese",
        2,
        "Asian Other - Vietnamese",
        ("Vietnamese", "Vietnamese", "English"),
        female=("Lan", "Linh", "Thảo", "Ngọc", "Hương", "Mai"),
        male=("Minh", "Tuấn", "Huy", "Đức", "Khang", "Quang"),
        surnames=("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"),
        interpreter_share=0.5,
    ),
)

HERITAGE_BY_KEY = {h.key: h for h in HERITAGES}
_HERITAGE = Odds(HERITAGES, tuple(h.weight for h in HERITAGES))

# Short forms people go by; used now and then as known_as.
KNOWN_AS = {
    "Muhammad": "Mo",
    "Małgorzata": "Gosia",
    "Aleksander": "Olek",
    "Oluwaseun": "Seun",
    "Abdirahman": "Abdi",
    "Alexandra": "Alex",
    "Katarzyna": "Kasia",
    "Temitope": "Tope",
    "Olumide": "Mide",
    "Christopher": "Chris",
    "Rebecca": "Becky",
    "Wojciech": "Wojtek",
    "Abdullahi": "Abdi",
    "Charlotte": "Lottie",
    "Ayodele": "Ayo",
    "Bradley": "Brad",
}

# Names that must appear in every demo database, to show non-ASCII text
# working everywhere: (heritage, female?, given name or None, surname or None).
SHOWCASE = (
    ("white_british", True, "Zoë", None),
    ("polish", False, "Łukasz", None),
    ("vietnamese", True, None, "Nguyễn"),
    ("irish", True, "Siobhán", None),
)


def pick_heritage(rng: random.Random) -> Heritage:
    return _HERITAGE.pick(rng)


def person_name(rng: random.Random, heritage: Heritage, female: bool) -> tuple[str, str]:
    given = rng.choice(heritage.female if female else heritage.male)
    return given, gendered(heritage.surname(rng), female)


def any_person_name(rng: random.Random, female: bool | None = None) -> tuple[str, str]:
    """A name for a professional or referrer: anyone in England."""
    if female is None:
        female = rng.random() < 0.7  # most of the early help workforce are women
    return person_name(rng, pick_heritage(rng), female)


_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss"})


def strip_accents(text: str) -> str:
    """ "Zoë" -> "Zoe", "Łukasz" -> "Lukasz"; spaces and apostrophes stay."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_fold(text: str) -> str:
    """Plain ASCII letters for an email address ("Ó Ceallaigh" -> "OCeallaigh")."""
    return "".join(c for c in strip_accents(text) if c.isascii() and (c.isalnum() or c in ".-"))


def misspell(rng: random.Random, name: str) -> str:
    """A plausible typing slip: accents dropped, or two letters swapped."""
    plain = strip_accents(name)
    if plain != name:
        return plain
    swappable = [i for i in range(1, len(name) - 1) if name[i] != name[i + 1] and name[i + 1].isalpha()]
    if not swappable:
        return name + name[-1]
    i = rng.choice(swappable)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
