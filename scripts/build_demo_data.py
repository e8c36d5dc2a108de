"""Build rightstrack's demo dataset (rightstrack/site/data/demo.json) from public UN documents.

Usage: python scripts/build_demo_data.py [SHARED_DATA_DIR]   (default ../shared/data)

Sources, all United Nations documents:
- OHCHR thematic lists of the UPR recommendations to Slovenia, 2nd cycle (A/HRC/28/15,
  20th session) and 3rd cycle (A/HRC/43/15, 34th session), read with rightstrack's own
  OHCHR list parser: text, recommending States, position and its source, UHRI themes,
  affected persons, SDGs.
- Human Rights Committee concluding observations (CCPR/C/.../CO/...): the paragraphs the
  Committee selected for its follow-up procedure, for 114 States, with their headings;
  and the Committee's follow-up reports (CCPR/C/<session>/2 or /3 and addenda): its grade
  of each part of these paragraphs with its evaluation, and earlier rounds. These are
  written to rightstrack/site/data/demo-ccpr-followup.json in the form the importer's
  ``ccpr-followup`` format reads (the fields it uses, nothing else).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rightstrack.ingest.formats import ohchr_docx  # noqa: E402
from rightstrack.progress.parts import clean_text  # noqa: E402
from rightstrack.reference import choices as ref  # noqa: E402

OUT = ROOT / "rightstrack" / "core" / "data" / "demo.json"
FOLLOW_UP_OUT = ROOT / "rightstrack" / "core" / "data" / "demo-ccpr-followup.json"
# What the ccpr-followup format reads of each State's entry (progress.ccpr_followup).
FOLLOW_UP_FIELDS = (
    "code",
    "name",
    "co_symbol",
    "co_date",
    "fco_symbol",
    "fco_date",
    "assessment_symbol",
    "assessment_session",
    "assessment_date",
    "assessment_year",
    "titles_editorial",
    "paragraphs",
    "history",
)
UPR_LISTS = {
    "UPR20__Slovenia_ThematicListRecommendations_E.docx": ("A/HRC/28/15", "2014-12-10"),
    "UPR34_Slovenia_Thematic_list_of_Recommendations.docx": ("A/HRC/43/15", "2019-12-19"),
}


def _export_form(record) -> dict:
    """A parsed record in the export format's keys (the demo file is an export)."""
    data = asdict(record)
    tags = data.pop("tags")
    return {
        "text": data["text"],
        "paragraph": data["paragraph"],
        "document_symbol": data["document_symbol"],
        "country": data["country"],
        "mechanism": data["mechanism"],
        "session": data["session"],
        "date": data["date"].isoformat() if data["date"] else None,
        "type": data["type"],
        "position": data["position"],
        "position_source": data["position_source"],
        "recommending_states": data["recommending_states"],
        "themes": tags.get(ref.UHRI_THEMES, []),
        "affected_persons": tags.get(ref.AFFECTED_PERSONS, []),
        "sdg_goals": [int(g) for g in tags.get(ref.SDG_GOALS, [])],
        "sdg_targets": tags.get(ref.SDG_TARGETS, []),
        "subject": data["subject"],
        "follow_up": data["follow_up"],
    }


def upr_records(shared: Path) -> tuple[list[dict], list[dict]]:
    documents, records = [], []
    for name, (symbol, date) in UPR_LISTS.items():
        parsed = list(ohchr_docx.parse(shared / "ohchr-lists" / name))
        session = parsed[0].session
        documents.append(
            {
                "symbol": symbol,
                "mechanism": "UPR",
                "countries": ["SVN"],
                "session": session,
                "date": date,
                "title": "Report of the Working Group on the Universal Periodic Review: Slovenia",
            }
        )
        for record in parsed:
            record.date = dt.date.fromisoformat(date)
            records.append(_export_form(record))
    return documents, records


def ccpr_records(shared: Path) -> tuple[list[dict], list[dict]]:
    data = json.loads((shared / "ccpr-followup" / "hrc_all.json").read_text(encoding="utf-8"))
    documents, records = [], []
    for iso3, entry in sorted(data.items()):
        # A third of the entries carry no date; leave it empty rather than guess.
        date = dt.datetime.strptime(entry["co_date"], "%d %B %Y").date().isoformat() if entry["co_date"] else None
        documents.append(
            {
                "symbol": entry["co_symbol"],
                "mechanism": "CCPR",
                "countries": [iso3],
                "date": date,
                "title": f"Concluding observations on the report of {entry['name']}",
            }
        )
        for paragraph in entry["paragraphs"]:
            if not paragraph["recommendation"].strip():
                continue  # the third-party extraction lost some paragraphs' text: never invent it
            records.append(
                {
                    "text": clean_text(paragraph["recommendation"]),
                    "paragraph": paragraph["num"],
                    "document_symbol": entry["co_symbol"],
                    "country": iso3,
                    "mechanism": "CCPR",
                    "date": date,
                    "type": "recommendation",
                    "subject": paragraph["title"],
                    "follow_up": True,
                }
            )
    return documents, records


def ccpr_follow_up(shared: Path) -> dict:
    data = json.loads((shared / "ccpr-followup" / "hrc_all.json").read_text(encoding="utf-8"))
    return {iso3: {name: entry.get(name) for name in FOLLOW_UP_FIELDS} for iso3, entry in sorted(data.items())}


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    upr_docs, upr = upr_records(shared)
    ccpr_docs, ccpr = ccpr_records(shared)
    payload = {
        "attribution": "United Nations. OHCHR thematic lists of UPR recommendations to Slovenia (A/HRC/28/15, "
        "A/HRC/43/15 and addenda); Human Rights Committee concluding observations, paragraphs selected for "
        "follow-up. Built by scripts/build_demo_data.py.",
        "documents": upr_docs + ccpr_docs,
        "recommendations": upr + ccpr,
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(upr)} UPR and {len(ccpr)} CCPR recommendations, {len(payload['documents'])} documents")
    follow_up = ccpr_follow_up(shared)
    FOLLOW_UP_OUT.write_text(json.dumps(follow_up, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {FOLLOW_UP_OUT}: the Committee's follow-up assessments of {len(follow_up)} States")


if __name__ == "__main__":
    main()
