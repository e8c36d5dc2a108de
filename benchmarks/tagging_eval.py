"""Accuracy of the tagging classifiers on the shared real data, end to end.

Usage (from the repository root; about 20 minutes on two cores):
    .venv/bin/python benchmarks/tagging_eval.py [--work /tmp/rightstrack-tagging-eval]
        [--sdg-benchmark PATH/benchmark.csv] [--skip-upr-info]

A. UPR Info, temporal split, through the commands a user runs: a fresh database,
   `rightstrack import` of sessions 1-13 (1-5.csv, 6-9.csv, 10-13.csv, raw Mac Roman files),
   `rightstrack train`, then `rightstrack evaluate --baseline --json` on 14-17.csv for the
   action category and the UPR Info issues (the baseline is trained in the same run).
B. SDG goals: the classifier a fresh install builds from the SDG framework texts
   (`rightstrack init`), then one trained with the shared labelled SDG sentences
   (`rightstrack train --taxonomy sdg-goals --examples …`), each measured on the OHCHR list
   of Slovenia's 3rd cycle (English, UHRI labels), on Spain's 4th-cycle recommendations
   in Spanish (UHRI labels) and, if given, on a binary SDG benchmark file (never trained on).
C. OHCHR lists of Slovenia (cycles 2 and 3): UHRI themes, affected persons and SDG goals by
   5-fold cross-validation within each list (the two lists use different theme
   vocabularies, so one cannot be tested on the other); and Spanish SDG goals with a model
   trained on the whole cycle-3 list (English) — translations share labels, so English and
   Spanish figures of one training regime are compared.

Results are printed and written to benchmarks/results/tagging_eval.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("RIGHTSTRACK_SHARED_DATA", ROOT.parent / "shared" / "data"))
CLI = [str(ROOT / ".venv" / "bin" / "rightstrack")]
LISTS = {
    "cycle 2": DATA / "ohchr-lists" / "UPR20__Slovenia_ThematicListRecommendations_E.docx",
    "cycle 3": DATA / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
}
SPAIN = DATA / "sdg" / "spain-upr4-sdg-dev.csv"
SPAIN_ARGS = ["--format", "table", "--columns", "text=text,sdg_goals=uhri_goals", "--mechanism", "UPR"]
SENTENCES = [
    "--examples",
    str(DATA / "sdg-sentences" / "sdg-labelled-sentences.csv"),
    "--format",
    "table",
    "--columns",
    "text=Text,sdg_goals=SDG",
]
KEYS = ("n", "accuracy", "micro_f1", "macro_f1", "samples_f1", "quadratic_kappa")


def run(home: Path, *args: str) -> str:
    env = dict(os.environ, RIGHTSTRACK_HOME=str(home))
    done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"rightstrack {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def evaluate(home: Path, taxonomy: str, test: Path, *extra: str) -> dict:
    result = json.loads(run(home, "evaluate", "--taxonomy", taxonomy, "--test", str(test), "--json", *extra))
    return {k: result[k] for k in KEYS if result.get(k) is not None} | (
        {"baseline": {k: result["baseline"][k] for k in KEYS if result["baseline"].get(k) is not None}}
        if "baseline" in result
        else {}
    )


def fresh(home: Path) -> Path:
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    run(home, "init", "--no-static")
    return home


def upr_info(work: Path) -> dict:
    home = fresh(work / "upr-info")
    started = time.perf_counter()
    run(home, "import", *(str(DATA / "upr-info" / f) for f in ("1-5.csv", "6-9.csv", "10-13.csv")))
    imported = time.perf_counter()
    run(home, "train", "--taxonomy", "action-category", "--taxonomy", "upr-info-issues")
    trained = time.perf_counter()
    test = DATA / "upr-info" / "14-17.csv"
    out = {slug: evaluate(home, slug, test, "--baseline") for slug in ("action-category", "upr-info-issues")}
    out["seconds"] = {"import with vectors": round(imported - started), "train both": round(trained - imported)}
    return out


def sdg(work: Path, benchmark: Path | None) -> dict:
    home = fresh(work / "sdg")
    tests = {"Slovenia cycle 3 (en)": (LISTS["cycle 3"], ()), "Spain cycle 4 (es)": (SPAIN, SPAIN_ARGS)}
    if benchmark:
        tests["binary benchmark"] = (benchmark, ())
    out = {
        "framework texts only": {name: evaluate(home, "sdg-goals", path, *args) for name, (path, args) in tests.items()}
    }
    run(home, "train", "--taxonomy", "sdg-goals", *SENTENCES)
    out["framework + SDG sentences"] = {
        name: evaluate(home, "sdg-goals", path, *args) for name, (path, args) in tests.items()
    }
    return out


def lists(work: Path) -> dict:
    """Cross-validation on the OHCHR lists, with the learning code called directly."""
    os.environ["RIGHTSTRACK_HOME"] = str(work / "sdg")  # its database resolves the term names
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from rightstrack.ingest.formats.table import parse_mapping
    from rightstrack.ingest.registry import ImportOptions
    from rightstrack.search import embedding
    from rightstrack.tagging import evaluation, learn, selectors

    sentences = evaluation.read_test_file(
        DATA / "sdg-sentences" / "sdg-labelled-sentences.csv",
        "sdg-goals",
        "table",
        ImportOptions(mapping=parse_mapping("text=Text,sdg_goals=SDG")),
    )
    sdg_extra = [
        learn.Example(t, lb, v)
        for t, lb, v in zip(sentences.texts, sentences.labels, embedding.embed(sentences.texts), strict=False)
    ]
    sdg_extra += selectors.reference_examples("sdg-goals")
    out = {}
    for cycle, path in LISTS.items():
        for slug in ("uhri-themes", "affected-persons", "sdg-goals"):
            try:
                test = evaluation.read_test_file(path, slug)
            except evaluation.EvaluationError:
                continue  # the cycle-2 list predates the SDGs
            extra = sdg_extra if slug == "sdg-goals" else []
            out[f"{slug}, Slovenia {cycle}, 5-fold"] = _cross_validate(test, slug, extra)
    cycle3 = evaluation.read_test_file(LISTS["cycle 3"], "sdg-goals")
    spain = evaluation.read_test_file(
        SPAIN, "sdg-goals", "table", ImportOptions(mapping=parse_mapping("text=text,sdg_goals=uhri_goals"))
    )
    train = [
        learn.Example(t, lb, v)
        for t, lb, v in zip(cycle3.texts, cycle3.labels, embedding.embed(cycle3.texts), strict=False)
    ]
    model, _figures = learn.fit("sdg-goals", train + sdg_extra, multi=True, use_lead=False)
    out["sdg-goals, Spain cycle 4 (es), trained on Slovenia cycle 3 (en)"] = _keys(evaluation.evaluate(model, spain))
    return out


def _cross_validate(test, slug: str, extra: list, folds: int = 5) -> dict:
    """Pooled predictions of 5 folds (each record predicted by a model not trained on it)."""
    import numpy as np

    from rightstrack.search import embedding
    from rightstrack.tagging import learn
    from rightstrack.tagging.metrics import figures

    vectors = embedding.embed(test.texts)
    predicted: list[list[str]] = [[] for _ in test.texts]
    fold_of = np.arange(len(test.texts)) % folds
    labels: set[str] = set()
    for fold in range(folds):
        train = [
            learn.Example(t, lb, v)
            for t, lb, v, f in zip(test.texts, test.labels, vectors, fold_of, strict=False)
            if f != fold
        ]
        model, _figures = learn.fit(slug, train + extra, multi=True, use_lead=False)
        labels |= set(model.labels)
        rows = [i for i in range(len(test.texts)) if fold_of[i] == fold]
        for i, row in zip(rows, model.predict([test.texts[i] for i in rows], vectors[rows]), strict=False):
            predicted[i] = [lb for lb, _s in row]
    return _keys(figures(test.labels, predicted, sorted(labels), multi=True))


def _keys(result: dict) -> dict:
    return {k: result[k] for k in KEYS if result.get(k) is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/rightstrack-tagging-eval"))
    parser.add_argument("--sdg-benchmark", type=Path, help="a binary SDG benchmark CSV (id,text,sdg,label)")
    parser.add_argument("--skip-upr-info", action="store_true", help="keep part A from the last full run")
    args = parser.parse_args()
    out = ROOT / "benchmarks" / "results" / "tagging_eval.json"
    results = {}
    part_a = "A. UPR Info, train sessions 1-13, test 14-17"
    if not args.skip_upr_info:
        results[part_a] = upr_info(args.work)
    elif out.exists():  # keep the figures of the last full run
        results[part_a] = json.loads(out.read_text(encoding="utf-8")).get(part_a, {})
    results["B. SDG goals"] = sdg(args.work, args.sdg_benchmark)
    results["C. OHCHR lists of Slovenia"] = lists(args.work)
    text = json.dumps(results, indent=1, ensure_ascii=False)
    print(text)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
