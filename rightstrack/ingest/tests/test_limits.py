"""core.limits states the models' lengths (core may not import them): they must agree."""

import csv

import pytest

from rightstrack.core import limits
from rightstrack.core.errors import InvalidValueError
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.reference.models import Term


def test_field_lengths_are_the_models():
    rec, doc = Recommendation._meta, Document._meta
    assert limits.FIELD_CHARS == {
        "paragraph": rec.get_field("paragraph").max_length,
        "document_symbol": doc.get_field("symbol").max_length,
        "subject": rec.get_field("subject").max_length,
        "position_source": rec.get_field("position_source").max_length,
        "uhri_id": rec.get_field("uhri_id").max_length,
        "title": doc.get_field("title").max_length,
        "tag": Term._meta.get_field("code").max_length,
        "url": doc.get_field("url").max_length,
        "language": rec.get_field("language").max_length,
    }


def test_the_csv_module_refuses_cells_over_the_cell_limit():
    assert csv.field_size_limit() == limits.MAX_CELL_CHARS >= limits.MAX_TEXT_CHARS


@pytest.mark.parametrize(
    "value, problem",
    [
        (5, "expected text, found a number"),
        (["a"], "expected text, found a list"),
        ("a\x00b", "NUL byte"),
        ("x" * 31, "31 characters, more than the 30 allowed"),
    ],
)
def test_check_text_names_the_field_and_the_problem(value, problem):
    with pytest.raises(InvalidValueError, match=f"field 'paragraph': .*{problem}"):
        limits.check_field(value, "paragraph")
    assert limits.check_field("121.1", "paragraph") == "121.1"


def test_json_depth():
    assert not limits.json_depth_exceeds([[[]]], 3)
    assert limits.json_depth_exceeds([[[[]]]], 3)
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    assert limits.json_depth_exceeds(deep, 32)  # and no RecursionError
