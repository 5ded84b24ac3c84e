"""Finding restricted quotes and names in free text, word by word."""

from __future__ import annotations

from tafdesk.exports.quotes import WITHHELD, PersonName, Redactor
from tafdesk.exports.redaction import FamilySecrets, redactor

ITEM = "Father on bail for assault against mother after the Opération Kestrel raid."
PEOPLE = (
    PersonName("Zoë", "Okonkwo-Hale", "Zizi"),
    PersonName("Thị Mai", "Nguyễn"),
    PersonName("Tomas", "Okonkwo-Hale"),
)


def test_four_consecutive_words_of_a_restricted_item_are_withheld_whatever_their_case_accents_and_punctuation():
    redact = Redactor([ITEM])
    assert (
        redact.withhold("Check OPERATION-kestrel  raid\nintel: after the operation kestrel raid, with police.")
        == f"Check OPERATION-kestrel  raid\nintel: {WITHHELD}, with police."
    )
    assert redact.withhold("Dad is on bail, for ASSAULT against mum.") == f"Dad is {WITHHELD} mum."
    assert redact.withhold("Father on bail, says the school.") == "Father on bail, says the school."  # three words


def test_a_short_item_is_withheld_whole_and_an_empty_value_is_nothing():
    redact = Redactor(["Hearing-impaired", "DS Hidden", "None"])
    assert redact.withhold("She is hearing impaired; ask ds hidden.") == f"She is {WITHHELD}; ask {WITHHELD}."
    assert redact.withhold("None of the agencies objected.") == "None of the agencies objected."


def test_a_names_variants_become_initials_and_restricted_quotes_win():
    redact = Redactor([ITEM], PEOPLE, ["Okonkwo-Hale"])
    assert (
        redact.scrub("Zoe Okonkwo Hale, zizi, Hale and Thi Mai Nguyen; Nguyễn Thị Mai; Mai")
        == "Z.O.H., Z., H. and T.M.N.; N.T.M.; M."
    )
    assert redact.scrub("Zoë's mum") == "Z.'s mum"
    assert redact.scrub("Zoe said father on bail for assault") == f"Z. said {WITHHELD}"


def test_a_professional_keeps_their_name_when_a_child_shares_part_of_it():
    redact = Redactor([], PEOPLE, [], keep=["Tomas Okafor"])
    assert (
        redact.scrub("Tomas Okafor (Education Welfare) to see Tomas at school")
        == "Tomas Okafor (Education Welfare) to see T. at school"
    )


def test_the_home_address_first_line_and_postcode_are_withheld_with_or_without_the_space():
    family = FamilySecrets(("Nguyễn",), PEOPLE[1:2], (), ("7 Heron Way", "NT3 9QA"))
    redact = redactor([family])
    assert redact.withhold("Meet at 7 Heron Way (or at NT39QA, nt3 9qa).") == f"Meet at {WITHHELD} (or at {WITHHELD})."
    assert redact.quoted("7 heron way") and not redact.quoted("Heron Way school")


def test_decomposed_accents_are_the_same_word():
    redact = Redactor(["Opération Kestrel raid today"])
    decomposed = "ope\u0301ration kestrel raid today"
    assert redact.withhold(decomposed) == WITHHELD
