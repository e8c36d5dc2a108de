"""A small file in the ``ccpr-followup`` format, shaped like the real one (a State's
procedure with lettered parts, a group of parts graded together, a paragraph whose text
the source lost, an earlier round on older concluding observations), and a helper that
imports it through the importer as a person would."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

LEAD = "The State party should strengthen its efforts to prevent and eradicate racism, including by:"
PART_A = "Establishing an independent and effective body to respond to cases of discrimination;"
PART_B = "Adopting a clear strategy on the prevention and elimination of discrimination;"
PART_C = "Ensuring that there is an easily accessible system of legal remedies;"
PART_D = "Condemning racial discrimination and conducting campaigns aimed at promoting tolerance."
PARAGRAPH_8 = (
    f"{LEAD} (a) {PART_A} (b) {PART_B} (c) {PART_C} (d) {PART_D} * Adopted by the Committee at its 128th "
    "session (2–27 March 2020). 1 See https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/"
    "Download.aspx?symbolno=INT %2fCCPR%2fNGS%2fSVN%2f40941&Lang=en."
)
PARAGRAPH_20 = (
    "The State party should establish a uniform and formal mechanism to identify persons in vulnerable "
    "situations in the migration flow."
)
SAMPLE = {
    "SVN": {
        "code": "SVN",
        "name": "Slovenia",
        "co_symbol": "CCPR/C/SVN/CO/3",
        "co_date": "24 March 2016",
        "fco_symbol": "CCPR/C/SVN/FCO/3",
        "fco_date": "1 June 2017",
        "assessment_symbol": "CCPR/C/128/3/Add.2",
        "assessment_session": 128,
        "assessment_date": "2–27 March 2020",
        "assessment_year": 2020,
        "titles_editorial": False,
        "paragraphs": [
            {
                "num": "8",
                "title": "Racism and xenophobia, including hate speech",
                "recommendation": PARAGRAPH_8,
                "limbs": [
                    {"label": "(a)", "grade": "A", "eval": "The Committee welcomes the adoption of the Act."},
                    {
                        "label": "(b), (c) and (d)",
                        "grade": "C",
                        "eval": "The Committee regrets that no information was provided.",
                    },
                ],
            },
            {
                "num": "16",
                "title": "Asylum seekers, migrants and refugees",
                "recommendation": "",
                "limbs": [{"label": "(a)–(c)", "grade": "B", "eval": "Partial information."}],
            },
            {
                "num": "20",
                "title": "Persons in vulnerable situations in the migration flow",
                "recommendation": PARAGRAPH_20,
                "limbs": [{"label": "", "grade": "C", "eval": "No information."}],
            },
        ],
        "history": [
            {"co_symbol": "CCPR/C/SVN/CO/2", "session": 100, "year": 2010, "header_grades": {"7": ["B", "C"]}},
            {"co_symbol": "CCPR/C/SVN/CO/2", "session": 100, "year": 2010, "header_grades": {"9": ["D"]}},
        ],
    },
}


def sample(**changes) -> dict:
    """A copy of SAMPLE; ``changes`` replace fields of Slovenia's entry."""
    data = copy.deepcopy(SAMPLE)
    data["SVN"].update(changes)
    return data


def write(path: Path, data: dict | None = None) -> Path:
    path.write_text(json.dumps(SAMPLE if data is None else data, ensure_ascii=False), encoding="utf-8")
    return path


def import_sample(tmp_path: Path, data: dict | None = None, *, name: str = "hrc.json", publish: bool = True):
    """Import the file (format named) and return the import's summary."""
    from rightstrack.ingest.services import import_file

    _format, summary, _skipped = import_file(write(tmp_path / name, data), "ccpr-followup", publish=publish)
    return summary


def world(tmp_path: Path):
    """The sample imported and published, NMRF staff, and on paragraph 8 an action that
    names part (b) with a validated report, and a report naming no part (draft, then
    validated)."""
    from types import SimpleNamespace

    from rightstrack.accounts.choices import Role
    from rightstrack.planning import services as planning
    from rightstrack.planning.tests.factories import EntityFactory, person
    from rightstrack.progress import services as progress
    from rightstrack.recommendations.models import Recommendation

    import_sample(tmp_path)
    staff = person(Role.NMRF_STAFF)
    entity = EntityFactory(name="Ministry of Labour")
    rec = Recommendation.objects.get(document__symbol="CCPR/C/SVN/CO/3", paragraph="8")
    plan = planning.create_plan(staff, title="Follow-up plan", is_published=True)
    action = planning.create_action(
        staff,
        plan=plan,
        recommendation=rec,
        entity=entity,
        due=dt.date(2027, 6, 30),
        title="National strategy against discrimination, part (b)",
    )
    indicator = planning.create_indicator(staff, action, "Organisations consulted")
    report = progress.create_report(
        staff,
        action=action,
        date=dt.date(2026, 11, 1),
        text="Strategy drafted with 14 organisations.",
        indicator_values=[(indicator, "14")],
    )
    for step in (progress.submit, progress.validate):
        report = step(staff, report, report.version)
    whole = progress.create_report(
        staff,
        recommendation=rec,
        entity=entity,
        date=dt.date(2026, 10, 1),
        text="Hate-speech guidelines for prosecutors issued.",
    )
    for step in (progress.submit, progress.validate):
        whole = step(staff, whole, whole.version)
    draft = progress.create_report(
        staff, recommendation=rec, entity=entity, date=dt.date(2026, 11, 20), text="UNVALIDATED-DRAFT-MARKER"
    )
    return SimpleNamespace(staff=staff, entity=entity, rec=rec, action=action, report=report, draft=draft)


def procedure(recommendation, symbol: str):
    """A follow-up procedure on a new CCPR document whose one paragraph is
    ``recommendation`` (visible to whoever may see it), graded B in one assessment."""
    from rightstrack.progress.models import CommitteeAssessment, FollowUp, FollowUpParagraph, PartGrade
    from rightstrack.recommendations.models import Document
    from rightstrack.reference.models import Mechanism

    document = Document.objects.create(
        symbol=symbol, mechanism=Mechanism.objects.get(code="CCPR"), date=dt.date(2024, 3, 28)
    )
    follow_up = FollowUp.objects.create(document=document)
    paragraph = FollowUpParagraph.objects.create(follow_up=follow_up, paragraph="12", recommendation=recommendation)
    assessment = CommitteeAssessment.objects.create(follow_up=follow_up, symbol=f"{symbol} assessment", session=140)
    PartGrade.objects.create(assessment=assessment, paragraph=paragraph, grade="B", evaluation="Some progress.")
    return follow_up
