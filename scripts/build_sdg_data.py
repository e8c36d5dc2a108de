"""Convert the official SDG framework into rightstrack's shipped SDG taxonomy file.

Usage: python scripts/build_sdg_data.py ../shared/data/sdg/sdg_structured.json

Reads the structured form of the UN global indicator framework (A/RES/71/313 and its
annual refinements) and writes rightstrack/reference/data/sdg.json: goals with their
short titles, targets (including lettered ones such as 16.a) and indicators with their
UNSD codes. The short goal titles are the UN's SDG icons' titles.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHORT_TITLES = {
    "1": "No poverty",
    "2": "Zero hunger",
    "3": "Good health and well-being",
    "4": "Quality education",
    "5": "Gender equality",
    "6": "Clean water and sanitation",
    "7": "Affordable and clean energy",
    "8": "Decent work and economic growth",
    "9": "Industry, innovation and infrastructure",
    "10": "Reduced inequalities",
    "11": "Sustainable cities and communities",
    "12": "Responsible consumption and production",
    "13": "Climate action",
    "14": "Life below water",
    "15": "Life on land",
    "16": "Peace, justice and strong institutions",
    "17": "Partnerships for the goals",
}
OUT = Path(__file__).resolve().parent.parent / "rightstrack" / "reference" / "data" / "sdg.json"


def convert(source: dict) -> dict:
    goals = []
    for number in sorted(source, key=int):
        goal = source[number]
        targets = [
            {
                "code": code,
                "description": target["description"],
                "indicators": [
                    {"code": ind["code"], "description": ind["description"], "unsd_code": ind.get("unsd_code", "")}
                    for ind in target["indicators"]
                ],
            }
            for code, target in goal["targets"].items()
        ]
        goals.append({"code": number, "title": SHORT_TITLES[number], "description": goal["name"], "targets": targets})
    return {
        "source": "United Nations, Global indicator framework for the Sustainable Development Goals and "
        "targets of the 2030 Agenda for Sustainable Development, A/RES/71/313 (with the annual "
        "refinements adopted by the Statistical Commission); goals and targets from A/RES/70/1.",
        "goals": goals,
    }


if __name__ == "__main__":
    data = convert(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(data['goals'])} goals")
