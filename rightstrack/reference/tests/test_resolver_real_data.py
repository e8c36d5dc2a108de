"""Every State name in the real sources resolves to the right State (issue 2's proof)."""

import csv
import json

import pytest

from rightstrack.core.errors import UnknownStateError
from rightstrack.reference.selectors import StateResolver, is_placeholder_state

pytestmark = pytest.mark.django_db

RAW_FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "voluntary.csv"]
# UPR Info's region names -> UN regional groups.
UPR_INFO_GROUPS = {"Africa": "AFRICAN", "Asia": "ASIA_PACIFIC", "EEG": "EEG", "GRULAC": "GRULAC", "WEOG": "WEOG"}
# Where UPR Info's region differs from the UN's regional groups, for reasons we checked:
# Kiribati belongs to no UN group; UPR Info puts both observer States under "Observer".
KNOWN_REGION_DIFFERENCES = {"KIR", "VAT", "PSE"}


def _upr_info_rows(folder):
    # The raw exports are Mac Roman with bare CR line endings; newline="" lets csv split them.
    for name in RAW_FILES:
        with open(folder / name, encoding="mac_roman", newline="") as handle:
            yield from csv.DictReader(handle)
    with open(folder / "upr-info-sessions-1-17.utf8.csv", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def test_every_upr_info_state_name_resolves(shared_data):
    resolver = StateResolver()
    seen, placeholders = {}, set()
    for row in _upr_info_rows(shared_data / "upr-info"):
        for column in ("To", "From"):
            name = row[column]
            if is_placeholder_state(name):
                placeholders.add(name)
                continue
            seen[name] = resolver.resolve(name).iso3  # raises UnknownStateError naming it
        region = UPR_INFO_GROUPS.get(row["To-Rgrp"])
        state = resolver.resolve(row["To"])
        if state.iso3 not in KNOWN_REGION_DIFFERENCES:
            assert state.regional_group == region, (row["To"], row["To-Rgrp"])
    assert len(seen) == 195  # every UN Member and observer State occurs
    assert len(set(seen.values())) == 195  # and no two States were merged
    assert placeholders == {"&#40;Unknown&#41;"}
    expected = {
        "DPR Korea": "PRK",
        "Cape Verde": "CPV",
        "Cote d'Ivoire": "CIV",
        "Iran": "IRN",
        "Turkey": "TUR",
        "Macedonia FYR": "MKD",
        "Swaziland": "SWZ",
        "Republic of Congo": "COG",
        "Democratic Republic of Congo": "COD",
        "Micronesia": "FSM",
        "Laos": "LAO",
        "Palestine": "PSE",
    }
    assert {name: seen[name] for name in expected} == expected


def test_placeholder_is_not_a_state(shared_data):
    with pytest.raises(UnknownStateError):
        StateResolver().resolve("&#40;Unknown&#41;")


def test_ccpr_followup_country_names_resolve_to_their_keys(shared_data):
    data = json.loads((shared_data / "ccpr-followup" / "hrc_all.json").read_text(encoding="utf-8"))
    resolver = StateResolver()
    assert {iso3: resolver.resolve(entry["name"]).iso3 for iso3, entry in data.items()} == {k: k for k in data}


def test_every_recommending_state_in_the_ohchr_lists_resolves(shared_data):
    from rightstrack.ingest.formats import ohchr_docx

    resolver = StateResolver()
    names = {
        name
        for path in sorted((shared_data / "ohchr-lists").glob("*.docx"))
        for record in ohchr_docx.parse(path)
        for name in record.recommending_states
    }
    resolved = {name: resolver.resolve(name).iso3 for name in names}
    assert len(set(resolved.values())) == 103  # 71 + 81 States across the two cycles, overlapping
    assert resolved["Iran (Islamic Republic of)"] == resolved["Islamic Republic of Iran"] == "IRN"
    assert resolved["the former Yugoslav Republic of Macedonia"] == "MKD"
