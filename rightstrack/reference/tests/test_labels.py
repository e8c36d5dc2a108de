"""The shipped names of mechanisms and grades are in the translation catalogues."""

from rightstrack.reference import labels
from rightstrack.reference.directory import read_data_csv


def test_every_shipped_name_is_listed_for_translation():
    assert [r["name"] for r in read_data_csv("mechanisms.csv")] == labels.MECHANISM_NAMES
    grades = list(read_data_csv("followup_grades.csv"))
    assert {r["label"] for r in grades} == set(labels.GRADE_LABELS)
    assert {r["meaning"] for r in grades if r["meaning"]} == set(labels.GRADE_MEANINGS)
