"""Quality check (``rightstrack.tagging.quality``) on real recommendations, per mechanism.

Reads the data in place, no database: the UPR Info export of UPR sessions 1–17 (one
row per recommending State; a text made to one State by several States is checked once)
and the Human Rights Committee's concluding-observation paragraphs selected for follow-up
(``ccpr-followup/hrc_all.json``; paragraphs without a recommendation text are left out,
and a few texts carry remnants of the Committee's follow-up assessment). Prints, per
mechanism, the share of recommendations passing each verdict and the mean score (0–5),
and for the UPR the same by UPR Info action category 1–5 with the agreement of the
check's own category estimate with UPR Info's.

A Committee paragraph holds several lettered parts and passes a verdict when any part
does, while a UPR recommendation is one sentence; so the Committee's paragraphs are also
checked part by part ("CCPR parts": each part as "The State party should …"), which is
the fairer comparison with single UPR sentences.

    .venv/bin/python benchmarks/quality_by_mechanism.py [--json] [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIMB_SPLIT = re.compile(r"[:;]\s*(?:and\s+|or\s+)?\(?[a-h]\)\s+")


def setup_django() -> None:
    # Reasons go through gettext, which needs settings; nothing touches a database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()


def load_upr(shared: Path) -> list[dict]:
    """Distinct (State under review, text) pairs with UPR Info's action category."""
    seen: dict[tuple[str, str], dict] = {}
    path = shared / "upr-info" / "upr-info-sessions-1-17.utf8.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["Text"].strip()
            if text:
                seen.setdefault((row["To"], text), {"text": text, "state": row["To"], "action": row["Action"]})
    return list(seen.values())


def load_ccpr(shared: Path) -> tuple[list[dict], int]:
    """The paragraphs with a recommendation text, and how many paragraphs there are in all."""
    data = json.loads((shared / "ccpr-followup" / "hrc_all.json").read_text(encoding="utf-8"))
    paragraphs = [(entry.get("name") or code, p) for code, entry in data.items() for p in entry["paragraphs"]]
    return [
        {"text": p["recommendation"], "state": state}
        for state, p in paragraphs
        if (p.get("recommendation") or "").strip()
    ], len(paragraphs)


def split_parts(records: list[dict]) -> list[dict]:
    """Each lettered part of a Committee paragraph as its own "The State party should …"."""
    parts = []
    for record in records:
        pieces = LIMB_SPLIT.split(record["text"])
        lead = re.sub(r"^.*?\bshould\b\s*(?:also\s+)?", "", pieces[0], count=1, flags=re.S)
        for piece in ([lead] if len(lead.split()) >= 3 else []) + pieces[1:]:
            parts.append({"text": f"The State party should {piece.strip()}", "state": record["state"]})
    return parts


def summarise(reports: list) -> dict:
    n = len(reports)
    keys = [v.key for v in reports[0].verdicts] if reports else []
    share = {key: sum(r.verdicts[i].passed for r in reports) / n for i, key in enumerate(keys)}
    return {"n": n, "share": share, "mean_score": sum(r.score for r in reports) / n if n else 0.0}


def run(shared: Path) -> dict:
    from rightstrack.tagging.quality import check

    upr, (ccpr, ccpr_all) = load_upr(shared), load_ccpr(shared)
    started = time.perf_counter()
    upr_reports = [check(r["text"], "en", state_name=r["state"], mechanism="UPR") for r in upr]
    ccpr_reports = [check(r["text"], "en", state_name=r["state"], mechanism="CCPR") for r in ccpr]
    part_records = split_parts(ccpr)
    part_reports = [check(r["text"], "en", state_name=r["state"], mechanism="CCPR") for r in part_records]
    elapsed = time.perf_counter() - started
    checked = len(upr_reports) + len(ccpr_reports) + len(part_reports)
    words = {
        name: sum(len(r["text"].split()) for r in recs) / len(recs)
        for name, recs in (("UPR", upr), ("CCPR", ccpr), ("CCPR parts", part_records))
    }
    by_category: dict[str, list] = defaultdict(list)
    confusion: Counter = Counter()
    for record, report in zip(upr, upr_reports, strict=False):
        by_category[record["action"]].append(report)
        confusion[(record["action"], str(report.category))] += 1
    agree = sum(n for (gold, guess), n in confusion.items() if gold == guess)
    return {
        "mechanisms": {
            "UPR": summarise(upr_reports),
            "CCPR": summarise(ccpr_reports),
            "CCPR parts": summarise(part_reports),
        },
        "mean_words": words,
        "ccpr_paragraphs_without_text": ccpr_all - len(ccpr),
        "upr_by_action_category": {c: summarise(by_category[c]) for c in sorted(by_category)},
        "category_agreement": agree / len(upr_reports),
        "category_confusion": {f"{gold}->{guess}": n for (gold, guess), n in sorted(confusion.items())},
        "checks_per_second": checked / elapsed,
    }


def print_table(title: str, rows: dict[str, dict], extra: dict[str, str] | None = None) -> None:
    keys = next(iter(rows.values()))["share"].keys()
    short = {
        "concrete_action": "concrete",
        "rights_holders": "rights-h.",
        "measurable": "measurable",
        "time_bound": "time-bound",
        "addressee": "addressee",
    }
    print(title)
    print(
        f"  {'':<12}{'n':>7}"
        + "".join(f"{short[k]:>12}" for k in keys)
        + f"{'mean score':>12}"
        + (f"  {'words':>6}" if extra else "")
    )
    for name, row in rows.items():
        line = f"  {name:<12}{row['n']:>7}" + "".join(f"{row['share'][k]:>12.1%}" for k in keys)
        line += f"{row['mean_score']:>12.2f}" + (f"  {extra[name]:>6}" if extra else "")
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    setup_django()
    result = run(args.shared)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    words = {name: f"{w:.0f}" for name, w in result["mean_words"].items()}
    print_table("Share passing each verdict, per mechanism", result["mechanisms"], words)
    print(
        f"  (CCPR: {result['ccpr_paragraphs_without_text']} follow-up paragraphs without a recommendation text "
        "left out)"
    )
    names = {"1": "1 minimal", "2": "2 continuing", "3": "3 considering", "4": "4 general", "5": "5 specific"}
    print()
    print_table(
        "UPR by UPR Info action category", {names.get(c, c): row for c, row in result["upr_by_action_category"].items()}
    )
    print()
    print(f"Estimated action category = UPR Info's for {result['category_agreement']:.1%} of UPR recommendations")
    print(
        "  confusion (UPR Info -> estimate: n): "
        + ", ".join(f"{k}: {n}" for k, n in result["category_confusion"].items())
    )
    print(f"{result['checks_per_second']:.0f} checks a second")


if __name__ == "__main__":
    main()
