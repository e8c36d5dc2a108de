"""Unit tests for the UPR text helpers, with a small fake State list."""

from __future__ import annotations

import pytest

from rightstrack.ingest.text import split_paragraph_number, split_recommending_states, split_state_list

STATES = {
    "argentina",
    "azerbaijan",
    "bosnia and herzegovina",
    "egypt",
    "france",
    "iran (islamic republic of)",
    "bolivia (plurinational state of)",
    "korea, republic of",
    "lithuania",
    "peru",
    "portugal",
    "senegal",
    "sierra leone",
    "slovakia",
    "spain",
    "trinidad and tobago",
    "tunisia",
    "ukraine",
    "uruguay",
    "venezuela (bolivarian republic of)",
    "bolivarian republic of venezuela",
}


def is_state(name: str) -> bool:
    return name.casefold() in STATES


def split(text: str) -> tuple[str, list[str]]:
    return split_recommending_states(text, is_state)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("121.1 Ratify the ICPPED", ("121.1", "Ratify the ICPPED")),
        ("115.104. Establish a clear definition", ("115.104", "Establish a clear definition")),
        ("  122.3   Undertake measures", ("122.3", "Undertake measures")),
        ("Ratify the ICPPED", ("", "Ratify the ICPPED")),
        ("2015 was a year", ("", "2015 was a year")),
        ("121.1", ("121.1", "")),
        ("", ("", "")),
    ],
)
def test_split_paragraph_number(text, expected):
    assert split_paragraph_number(text) == expected


def test_several_groups_keep_paragraph_number():
    text = "121.1 Ratify the ICPPED (France) (Lithuania);"
    assert split(text) == ("121.1 Ratify the ICPPED", ["France", "Lithuania"])


def test_comma_separated_states_in_one_group():
    text = "Ratify OP-ICESCR (Spain, Tunisia, Portugal);"
    assert split(text) == ("Ratify OP-ICESCR", ["Spain", "Tunisia", "Portugal"])


@pytest.mark.parametrize(
    "state",
    ["Iran (Islamic Republic of)", "Bolivia (Plurinational State of)", "Venezuela (Bolivarian Republic of)"],
)
def test_nested_parentheses(state):
    assert split(f"Take legal measures ({state});") == ("Take legal measures", [state])


def test_nested_parentheses_inside_a_list_without_space():
    # as in the cycle-2 Slovenia list: "...Venezuela (Bolivarian Republic of),Peru, Uruguay"
    text = "Ratify ICRMW (Senegal, Sierra Leone, Venezuela (Bolivarian Republic of),Peru, Uruguay);"
    assert split(text) == (
        "Ratify ICRMW",
        ["Senegal", "Sierra Leone", "Venezuela (Bolivarian Republic of)", "Peru", "Uruguay"],
    )


def test_name_with_comma_is_not_split_when_whole_is_a_state():
    assert split("Do it (Korea, Republic of)") == ("Do it", ["Korea, Republic of"])
    assert split("Do it (France, Korea, Republic of)") == ("Do it", ["France", "Korea, Republic of"])


def test_names_with_and_are_kept_whole_but_lists_with_and_are_split():
    assert split("Do it (Bosnia and Herzegovina)") == ("Do it", ["Bosnia and Herzegovina"])
    assert split("Do it (Spain and Portugal).") == ("Do it", ["Spain", "Portugal"])
    assert split("Do it (Spain, Tunisia and Portugal)") == ("Do it", ["Spain", "Tunisia", "Portugal"])
    assert split("Do it (Peru, Trinidad and Tobago)") == ("Do it", ["Peru", "Trinidad and Tobago"])


@pytest.mark.parametrize("group", ["(ICPPED)", "(OP-CAT)", "(2015)", "(No. 29)", "(France, ICPPED)"])
def test_non_state_groups_stay_in_text(group):
    assert split(f"Ratify the convention {group}") == (f"Ratify the convention {group}", [])


def test_acronym_before_state_group_stays():
    text = "Ratify the Convention (ICRMW) (Iran (Islamic Republic of)); "
    assert split(text) == ("Ratify the Convention (ICRMW)", ["Iran (Islamic Republic of)"])


def test_several_clauses_each_with_their_states():
    text = (
        "Complete the ratification of the ICPPED (Ukraine); "
        "Increase efforts towards ratification of the ICPPED (Slovakia);"
    )
    assert split(text) == (
        "Complete the ratification of the ICPPED; Increase efforts towards ratification of the ICPPED",
        ["Ukraine", "Slovakia"],
    )


def test_clauses_without_space_after_semicolon():
    text = "Ensure compliance (Egypt); continue efforts (Peru);take more measures (Azerbaijan); "
    assert split(text) == (
        "Ensure compliance; continue efforts; take more measures",
        ["Egypt", "Peru", "Azerbaijan"],
    )


def test_semicolon_inside_one_clause_is_kept():
    text = "Fight discrimination, or any condition; and combat racism (Bolivarian Republic of Venezuela);"
    assert split(text) == (
        "Fight discrimination, or any condition; and combat racism",
        ["Bolivarian Republic of Venezuela"],
    )


def test_state_group_in_the_middle_of_a_clause_stays():
    assert split("Work with (France) partners") == ("Work with (France) partners", [])


@pytest.mark.parametrize("ending", [";", ".", " ;  ", ";\n", ". "])
def test_trailing_punctuation_is_dropped(ending):
    assert split(f"Ratify it (Argentina){ending}") == ("Ratify it", ["Argentina"])


def test_text_without_states():
    assert split("Ratify the ICPPED.") == ("Ratify the ICPPED", [])
    assert split("") == ("", [])


def test_unbalanced_parentheses_do_not_crash():
    assert split("Ratify it Argentina)") == ("Ratify it Argentina)", [])


def test_split_state_list_cell():
    assert split_state_list("France\n- Iran (Islamic Republic of)\nSpain, Portugal", is_state) == [
        "France",
        "Iran (Islamic Republic of)",
        "Spain",
        "Portugal",
    ]
    # unknown names are kept as written so that the ingest step can report them
    assert split_state_list("Atlantis; France", is_state) == ["Atlantis", "France"]
