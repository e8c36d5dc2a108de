"""The mid-term report's content (``reports.midterm``) and its layout as blocks
(``reports.midterm_document``), on the small world of the matrix tests plus a cluster,
indicators, a consultation round, a change of position and an NHRI's assessments."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from rightstrack.reports import midterm, midterm_document
from rightstrack.reports.document import Band, Bullets, Figure, Heading, Table
from rightstrack.reports.tests.conftest import TODAY


def _build(w, user=None, **extra):
    return midterm.build(w.staff if user is None else user, country="SVN", cycle=w.r1.cycle, today=TODAY, **extra)


def test_the_report_covers_every_upr_recommendation_of_the_state_and_cycle(midterm_world):
    w = midterm_world
    data = _build(w)
    assert {row.id for row in data.rows} == {w.r1.pk, w.r2.pk, w.r10.pk, w.hidden.pk}  # staff: unpublished too
    assert w.ccpr.pk not in {row.id for row in data.rows}  # a treaty body's: not the UPR's report
    assert data.country == "Slovenia" and data.reports == ["A/HRC/43/15"]
    assert data.addenda == ["A/HRC/43/15/Add.1"]
    assert data.sessions and data.sessions[0].startswith("34")
    public = _build(w, AnonymousUser())
    assert w.hidden.pk not in {row.id for row in public.rows}


def test_chapters_follow_the_clusters_then_the_themes(midterm_world):
    w = midterm_world
    data = _build(w)
    titles = [chapter.title for chapter in data.chapters]
    assert titles[0] == "Justice and international norms"
    first = data.chapters[0]
    assert [row.id for row in first.rows] == [w.r1.pk, w.r2.pk]
    assert [m.text for m in first.measures] == [
        "Public consultation on the bill held",
        "Bill sent to the National Assembly",
    ]  # oldest first, no draft
    judges = next(line for line in first.indicators if line.name == "Judges trained")
    assert (judges.baseline, judges.latest, judges.target) == ("10", "85", "200")  # the draft's 999 is not data
    assert any("Train judges on the Convention (Ministry of Education): due on" in text for text in first.challenges)
    assert any("121.2" in text for text in first.challenges)  # no measure reported on it
    assert any("Draft the ratification bill" in text for text in first.next_steps)
    # r10 and the unpublished r3 are in no cluster: they come under their first theme (none here).
    assert {row.id for chapter in data.chapters[1:] for row in chapter.rows} == {w.r10.pk, w.hidden.pk}


def test_changes_needs_rounds_and_history(midterm_world):
    w = midterm_world
    data = _build(w)
    assert [(c.paragraph, c.before, c.after) for c in data.changes] == [("121.2", "Noted", "Supported")]
    assert [(n.action, n.funding, n.budget) for n in data.needs] == [
        ("Train judges on the Convention", "UPR Voluntary Fund for Financial and Technical Assistance", "12,000.00 EUR")
    ]
    assert sorted(data.needs[0].paragraphs) == ["121.1", "121.2"]
    assert [(r.title, r.invited, r.replied) for r in data.rounds] == [("Draft mid-term report", 2, 1)]
    dates, series = data.history
    assert dates[-1] == TODAY
    by_label = dict(series)
    # r2 was not started until today's change; r1 in progress throughout (no history).
    assert by_label["In progress"][-1] == 2 and by_label["In progress"][0] == 1


def test_an_organisations_report_uses_its_own_assessments(midterm_world):
    w = midterm_world
    data = _build(w, organisation="Human Rights Ombudsman")
    r1 = next(row for row in data.rows if row.id == w.r1.pk)
    assert r1.status == "Not implemented"
    assert [u.text for u in r1.updates] == ["The bill is stalled in committee."]
    r2 = next(row for row in data.rows if row.id == w.r2.pk)
    assert r2.status == "Not assessed" and r2.updates == []


def test_the_document_has_every_part(midterm_world):
    w = midterm_world
    doc = midterm_document.document(_build(w))
    headings = [block.text for block in doc.blocks if isinstance(block, Heading) and block.level == 1]
    assert headings == [
        "Methodology and consultation",
        "Overview",
        "Progress by theme",
        "Changes of position since the review",
        "Technical assistance and funding needs",
        "Annex: implementation of every recommendation",
    ]
    facts = dict(doc.cover.facts)
    assert facts["Report of the Working Group"] == "A/HRC/43/15"
    assert facts["Recommendations"].startswith("4 (supported: 3, noted: 1)") or facts["Recommendations"].startswith("4")
    figures = [block for block in doc.blocks if isinstance(block, Figure)]
    assert len(figures) >= 4  # position, status by theme / entity / SDG, over time, indicators
    assert all(figure.picture.png().startswith(b"\x89PNG") for figure in figures[:2])
    annex = [block for block in doc.blocks if isinstance(block, Table)][-1]
    cells = [row for row in annex.rows if not isinstance(row, Band)]
    assert len(cells) == 4 and any("Bill sent to the National Assembly" in row[3] for row in cells)
    assert any(
        isinstance(block, Bullets) and any("Public consultation" in item for item in block.items)
        for block in doc.blocks
    )


def test_the_arabic_document_is_right_to_left_with_arabic_labels(midterm_world):
    from django.utils import translation

    w = midterm_world
    data = midterm.build(w.staff, country="SVN", cycle=w.r1.cycle, today=TODAY, language="ar")
    with translation.override("ar"):
        doc = midterm_document.document(data)
    assert doc.rtl and doc.language == "ar"
    row = next(row for row in data.rows if row.id == w.r1.pk)
    assert row.text.startswith("التصديق")  # the stored translation
