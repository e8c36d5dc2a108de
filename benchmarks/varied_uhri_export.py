"""A UHRI-layout export like make_uhri_export.py's, with varied texts (benchmark only).

make_uhri_export.py walks its text pools in a cycle: 31,508 UPR texts and 894 treaty-body
texts for 250,000 records, so most texts appear several times verbatim (the treaty-body
ones dozens of times), which flatters a search index and makes the dedupe find repeats
that real data does not have. This wrapper keeps every other field of that generator
(documents, States, bodies, dates, tags) and rewrites the texts from the same real
material, so that few records share an exact text while texts stay real-looking:

* a State named in a text becomes the State of the record (the same demand to another State);
* the first use of a pool text is kept as it is; later uses are varied:
  - two real recommendations joined into one ("Ratify X and strengthen Y"),
  - a real lead-in of UPR recommendations put before it ("Continue its efforts to …"),
  - a second real recommendation appended as its own sentence,
  - for treaty bodies, a UPR demand as the Committee's ("The State party should …"),
    or a real part of another Committee paragraph added ("…; it should also …");
* about 6 % of UPR records repeat, with a lead-in, a demand made earlier to the same
  State (what real cycle-to-cycle repeats look like, so the dedupe has work to do);
* a varied text that still equals an earlier one is varied again (up to 5 tries).

Everything is seeded: the same arguments give the same file.

    python benchmarks/varied_uhri_export.py --records 250000 --out /tmp/rightstrack-search-bench/export
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_uhri_export as base  # noqa: E402
from make_uhri_export import ROOT, Pools, fx  # noqa: E402

from rightstrack.ingest.text import split_paragraph_number  # noqa: E402

SEED = 20240917
LEAD_RE = re.compile(
    r"^((?:Continue|Redouble|Intensify|Step up|Strengthen|Pursue|Further|Take|Consider|Adopt|Increase|"
    r"Make|Ensure|Undertake)\b[^.;:]{0,50}?\b(?:efforts|measures|steps|work|action|policies)\s+"
    r"(?:in order )?to)\s+\w",
    re.IGNORECASE,
)
JOINERS = [" and ", ", and ", "; ", " and to "]
REPEAT_SHARE = 0.06


def _lcfirst(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("UNHCR")."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _bare(text: str) -> str:
    return text.strip().rstrip(" .;,")


class Varier:
    """Rewrites pool texts as described in the module docstring."""

    def __init__(self, pools: Pools, rng: random.Random):
        self.rng = rng
        names = sorted({s["name"] for s in pools.states}, key=len, reverse=True)
        self.state_re = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
        self.upr_short = [_bare(t) for t in pools.upr_texts if 30 <= len(t) <= 220 and not t.startswith(("(", "-"))]
        leads = Counter(m.group(1) for t in pools.upr_texts if (m := LEAD_RE.match(t)))
        self.leads = [lead for lead, n in leads.items() if n >= 3]  # real, common openers
        parts = [
            t[len("The State party should ") :] for t in pools.other_texts if t.startswith("The State party should ")
        ]
        self.tb_parts = [_bare(p) for p in parts if 30 <= len(p) <= 300]
        self.seen: set[bytes] = set()
        self.by_state: dict[str, list[str]] = {}

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()

    def _substitute(self, text: str, state: str) -> str:
        return self.state_re.sub(state, text) if self.state_re.search(text) else text

    def _vary_upr(self, text: str) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.5:
            return _bare(text) + rng.choice(JOINERS[:3]) + _lcfirst(rng.choice(self.upr_short)) + "."
        if roll < 0.8 and not LEAD_RE.match(text):
            return rng.choice(self.leads) + " " + _lcfirst(text)
        return _bare(text) + ". " + rng.choice(self.upr_short) + "."

    def _vary_tb(self, text: str) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return "The State party should " + _lcfirst(rng.choice(self.upr_short)) + "."
        return _bare(text) + "; it should also " + _lcfirst(rng.choice(self.tb_parts)) + "."

    def text(self, text: str, state: str, is_upr: bool) -> str:
        earlier = self.by_state.get(state)
        if is_upr and earlier and self.rng.random() < REPEAT_SHARE:
            text = self.rng.choice(earlier)  # the same demand again, a cycle later
            candidate = self.rng.choice(self.leads) + " " + _lcfirst(text)
        else:
            candidate = text = self._substitute(text, state)
        for _attempt in range(5):
            key = self._key(candidate)
            if key not in self.seen:
                break
            candidate = self._vary_upr(text) if is_upr else self._vary_tb(text)
        self.seen.add(self._key(candidate))
        if is_upr:
            remembered = self.by_state.setdefault(state, [])
            if len(remembered) < 400:
                remembered.append(candidate)
            else:
                remembered[self.rng.randrange(400)] = candidate
        return candidate


def generate(pools: Pools, count: int, stats: Counter | None = None) -> Iterator[dict]:
    """make_uhri_export's rows with their texts varied; ``stats`` counts each text's hash."""
    varier = Varier(pools, random.Random(SEED))
    for row in base.generate(pools, count):
        is_upr = bool(row["UPR Session"])
        number, text = split_paragraph_number(row["Text"]) if is_upr else ("", row["Text"])
        text = varier.text(text, row["Countries Concerned"][0], is_upr)
        row["Text"] = f"{number} {text}" if number else text
        if stats is not None:
            stats[hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()] += 1
        yield row


def duplicate_share(stats: Counter) -> tuple[float, int]:
    """Share of records whose text equals another record's, and the number of such texts."""
    total = sum(stats.values())
    dup_records = sum(n for n in stats.values() if n > 1)
    return (dup_records / total if total else 0.0), sum(1 for n in stats.values() if n > 1)


def original_duplicate_share(pools: Pools, count: int) -> float:
    """The same measure for make_uhri_export.py's own texts (for comparison)."""
    stats: Counter = Counter()
    for row in base.generate(pools, count):
        text = split_paragraph_number(row["Text"])[1] if row["UPR Session"] else row["Text"]
        stats[hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()] += 1
    return duplicate_share(stats)[0]


def write(records: int, out: Path, shared: Path) -> dict:
    """Write ``out/export-full-en.json``; returns figures about it."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pools = base.load_pools(shared)
    stats: Counter = Counter()
    path = out / "export-full-en.json"
    fx.write_json(generate(pools, records, stats), path)
    share, texts = duplicate_share(stats)
    return {
        "path": path,
        "records": records,
        "seconds": time.perf_counter() - started,
        "duplicate_share": share,
        "duplicated_texts": texts,
        "original_duplicate_share": original_duplicate_share(pools, records),
        "pool_upr": len(pools.upr_texts),
        "pool_other": len(pools.other_texts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--out", type=Path, default=Path("uhri-bench-varied"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    info = write(args.records, args.out, args.shared)
    print(
        f"wrote {info['path']}: {info['records']} records in {info['seconds']:.1f} s; records whose text "
        f"is an exact duplicate of another's: {info['duplicate_share']:.2%} "
        f"(make_uhri_export.py alone: {info['original_duplicate_share']:.2%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
