"""Imports converge on Slovenia's real sources: OHCHR's thematic list, the Working Group
report, the State's addendum and the same records as a UHRI JSON export (the real layout),
for cycles 2 and 3, imported in every order and each order twice, give the same export,
and no value any source gave is lost.

The addendum is written from the list's positions (the shared data holds no addendum of
these two reviews) with one answer changed, so that the precedence shows: the State's own
response wins in every order. An addendum cannot come first (it answers recommendations
that must already be there), so it takes every other place.
"""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
from django.db import transaction

from rightstrack.ingest.registry import ImportOptions, read_file
from rightstrack.ingest.services import import_records
from rightstrack.ingest.tests.uhri_json_layout import slovenia_real_layout
from rightstrack.recommendations.exporters import export_records
from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.models import Taxonomy
from rightstrack.reference.selectors import TermIndex

pytestmark = pytest.mark.django_db

REVIEWS = {  # cycle: (OHCHR list, Working Group report, its symbol)
    2: ("UPR20__Slovenia_ThematicListRecommendations_E.docx", "A_HRC_28_15_Working_Group_Report.md", "A/HRC/28/15"),
    3: ("UPR34_Slovenia_Thematic_list_of_Recommendations.docx", "A_HRC_43_15_Working_Group_Report.md", "A/HRC/43/15"),
}
ADDENDUM_HEAD = """United Nations                                   {symbol}/Add.1
General Assembly                                 Distr.: General
Report of the Working Group on the Universal Periodic Review*
Slovenia
Addendum
Views on conclusions and/or recommendations, voluntary commitments and replies presented by the State under review
"""
TAG_SLUGS = ("uhri-themes", "affected-persons", "sdg-goals", "sdg-targets")


def _addendum(path: Path, list_path: Path, symbol: str) -> tuple[Path, str]:
    """The State's responses to the recommendations the list sources from the addendum;
    the first is answered otherwise than the list (returned, with its answer)."""
    _fmt, parsed = read_file(list_path, "ohchr-docx", ImportOptions())
    answered = [r for r in parsed.records if r.position_source.endswith("/Add.1")]
    lines = [f"{r.paragraph} {'Supported' if r.position == 'supported' else 'Noted'}" for r in answered]
    changed = answered[0].paragraph
    lines[0] = f"{changed} {'Noted' if answered[0].position == 'supported' else 'Supported'}"
    path.write_text(ADDENDUM_HEAD.format(symbol=symbol) + "\n".join(lines) + "\n", encoding="utf-8")
    return path, changed


@pytest.fixture(scope="module")
def sources(shared_data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("slovenia")
    files: dict[str, list[Path]] = {"list": [], "report": [], "uhri": [], "addendum": []}
    changed = {}
    for cycle, (list_name, report_name, symbol) in REVIEWS.items():
        list_path = shared_data / "ohchr-lists" / list_name
        files["list"].append(list_path)
        files["report"].append(shared_data / "wg-reports" / report_name)
        files["uhri"].append(slovenia_real_layout(shared_data, folder / f"export-full-en-{cycle}.json", cycle))
        addendum, paragraph = _addendum(folder / f"addendum-{cycle}.txt", list_path, symbol)
        files["addendum"].append(addendum)
        changed[symbol] = paragraph
    parsed = {}  # each file read once: the orders differ in writing, not in reading
    for name, paths in files.items():
        for path in paths:
            chosen, content = read_file(path, "wg-report" if name == "addendum" else "auto", ImportOptions())
            parsed[path] = (chosen, list(content.records), content.documents, list(content.responses))
    return files, changed, parsed


def _orders() -> list[tuple[str, ...]]:
    orders = []
    for first_three in itertools.permutations(("list", "report", "uhri")):
        for place in (1, 2, 3):
            orders.append((*first_three[:place], "addendum", *first_three[place:]))
    return orders


def _export() -> list[dict]:
    rows = [{k: v for k, v in row.items() if k != "id"} for row in export_records(Recommendation.objects.all())]
    return sorted(rows, key=lambda r: (r["document_symbol"], r["paragraph"]))


def _given(parsed: dict) -> dict[tuple[str, str], list[dict]]:
    """What each source file says of each recommendation, by (report symbol, paragraph)."""
    given: dict[tuple[str, str], list[dict]] = {}
    for _chosen, records, _documents, responses in parsed.values():
        for r in records:
            given.setdefault((r.document_symbol, r.paragraph), []).append(
                {
                    "position": r.position,
                    "subject": r.subject,
                    "date": r.date,
                    "recommending_states": r.recommending_states,
                    **r.tags,
                }
            )
        for r in responses:
            given.setdefault((r.document_symbol, r.paragraph), []).append(
                {"position": r.position, "subject": "", "date": None, "recommending_states": []}
            )
    return given


def _listed_position(parsed: dict, symbol: str, paragraph: str) -> str | None:
    return next(
        r.position
        for chosen, records, _d, _r in parsed.values()
        if chosen.name == "ohchr-docx"
        for r in records
        if (r.document_symbol, r.paragraph) == (symbol, paragraph)
    )


def test_every_order_twice_gives_the_same_export_with_nothing_lost(sources):
    files, changed, parsed = sources
    exports = {}
    for order in _orders():
        with transaction.atomic():
            for name in order * 2:
                for path in files[name]:
                    chosen, records, documents, responses = parsed[path]
                    import_records(
                        copy.deepcopy(records),
                        source=path.name,
                        documents=documents,
                        responses=responses,
                        kind=chosen.kind,
                    )
            exports[order] = _export()
            transaction.set_rollback(True)
    reference = exports[_orders()[0]]
    assert len(reference) == 163 + 215
    for order, export in exports.items():
        assert export == reference, f"order {' > '.join(order)} differs"

    by_key = {(r["document_symbol"], r["paragraph"]): r for r in reference}
    # The addendum's answer outranks the list's and the UHRI's in every order.
    for symbol, paragraph in changed.items():
        answer = by_key[(symbol, paragraph)]["position"]
        assert answer and answer != _listed_position(parsed, symbol, paragraph)
    # No value any source gave is lost: every field given is filled, every tag given is there.
    given = _given(parsed)
    assert set(given) == set(by_key)
    indexes = {slug: TermIndex(Taxonomy.objects.get(slug=slug)) for slug in TAG_SLUGS}

    def shown(slug: str, value: str) -> str:
        """A source's spelling of a term as the export shows it (SDGs by code, others by label)."""
        term = indexes[slug].resolve(value)
        return term.code if slug.startswith("sdg") else term.label

    slugs = {
        "uhri-themes": "themes",
        "affected-persons": "affected_persons",
        "sdg-goals": "sdg_goals",
        "sdg-targets": "sdg_targets",
    }
    for key, said in given.items():
        row = by_key[key]
        for source in said:
            for field in ("position", "subject", "date"):
                if source[field]:
                    assert row[field], (key, field)
            if source["recommending_states"]:
                assert row["recommending_states"], key
            for slug, column in slugs.items():
                given_terms = {shown(slug, v) for v in source.get(slug) or []}
                assert given_terms <= {str(v) for v in row[column]}, (key, slug)
    # The list's themes and affected persons arrive whole (the report says nothing of them).
    assert sum(1 for r in reference if r["themes"]) == len(reference)
    assert sum(1 for r in reference if r["position"]) == len(reference)
