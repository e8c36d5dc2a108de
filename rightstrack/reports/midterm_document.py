"""The UPR mid-term report laid out: cover, methodology and consultation, overview with
charts, thematic chapters, changes of position, technical-assistance and funding needs,
and the annex of every recommendation (``reports.document`` blocks, written as Word or
PDF by ``document_docx`` / ``document_pdf``). Call ``document`` in the report's language.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.reports import charts
from rightstrack.reports.document import (
    Band,
    Bullets,
    Cover,
    Document,
    Facts,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    embedded,
)
from rightstrack.reports.matrix import Row, long_date
from rightstrack.reports.midterm import Chapter, Midterm

TOP = 12  # bars of a chart by theme, entity or SDG; the rest are summed under "Other"
_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)")


def document(data: Midterm) -> Document:
    """The mid-term report as blocks."""
    title = _title(data)
    doc = Document(
        title=title,
        language=data.language,
        as_of=data.as_of,
        cover=_cover(data, title),
        author=data.organisation
        or _("National mechanism for reporting and follow-up of %(country)s") % {"country": data.country},
    )
    _introduction(doc, data)
    _overview(doc, data)
    _chapters(doc, data)
    _changes(doc, data)
    _needs(doc, data)
    _annex(doc, data)
    return doc


def _title(data: Midterm) -> str:
    if data.organisation:
        return _(
            "Mid-term assessment of the implementation of the recommendations of the Universal Periodic Review "
            "of %(country)s by %(organisation)s"
        ) % {"country": data.country, "organisation": data.organisation}
    return _(
        "Mid-term report of %(country)s on the implementation of the recommendations of the Universal Periodic Review"
    ) % {"country": data.country}


def _cover(data: Midterm, title: str) -> Cover:
    supported = sum(1 for row in data.rows if row.position == str(_("Supported")))
    facts = [(_("State under review"), data.country), (_("UPR cycle"), str(data.cycle))]
    if data.sessions:
        facts.append((_("Working Group session"), "; ".join(data.sessions)))
    if data.reports:
        facts.append((_("Report of the Working Group"), "; ".join(data.reports)))
    if data.addenda:
        facts.append((_("Positions (addendum)"), "; ".join(data.addenda)))
    if data.period_start:
        facts.append(
            (
                _("Period covered"),
                _("%(start)s to %(end)s") % {"start": long_date(data.period_start), "end": long_date(data.as_of)},
            )
        )
    facts.append((_("As of"), long_date(data.as_of)))
    facts.append(
        (
            _("Recommendations"),
            _("%(total)d (supported: %(supported)d, noted: %(noted)d)")
            % {
                "total": len(data.rows),
                "supported": supported,
                "noted": sum(1 for row in data.rows if row.position == str(_("Noted"))),
            },
        )
    )
    subtitle = _("Universal Periodic Review – cycle %(cycle)s") % {"cycle": data.cycle}
    return Cover(title=title, subtitle=subtitle, facts=facts)


def _introduction(doc: Document, data: Midterm) -> None:
    doc.add(Heading(_("Methodology and consultation")))
    if data.organisation:
        doc.add(
            Paragraph(
                _(
                    "This assessment gives the view of %(organisation)s: the implementation status of each "
                    "recommendation is the one its own assessments give, and the measures cited are those "
                    "it reported."
                )
                % {"organisation": data.organisation}
            )
        )
    else:
        doc.add(
            Paragraph(
                _(
                    "This report covers every recommendation %(country)s received in cycle %(cycle)s of "
                    "the Universal Periodic Review, supported and noted. The national mechanism for reporting "
                    "and follow-up attributed each to a lead entity, grouped them into thematic clusters "
                    "and planned measures with indicators; the entities reported their progress, which the "
                    "mechanism validated before it entered this report."
                )
                % {"country": data.country, "cycle": data.cycle}
            )
        )
        entities = sorted({update.entity for row in data.rows for update in row.updates})
        reports = len({(u.date, u.entity, u.text) for row in data.rows for u in row.updates})
        doc.add(
            Paragraph(
                ngettext(
                    "%(reports)d validated progress report from %(entities)d entity is cited.",
                    "%(reports)d validated progress reports from %(entities)d entities are cited.",
                    reports,
                )
                % {"reports": reports, "entities": len(entities)}
            )
        )
    if data.public:
        doc.add(Paragraph(_("This version holds the published information only."), note=True))
    if not data.rounds:
        if not data.public:
            doc.add(Paragraph(_("No consultation round is linked to this report yet.")))
        return
    doc.add(Paragraph(_("The national human rights institution and civil society were consulted on the draft:")))
    rows = []
    for item in data.rounds:
        when = long_date(item.deadline) if item.deadline else ""
        if getattr(item, "opened", None):
            when = _("%(start)s to %(end)s") % {"start": long_date(item.opened), "end": when}
        who = "\n".join(f"{label}: {count}" for label, count in sorted(getattr(item, "invited_roles", {}).items()))
        replied = ", ".join(getattr(item, "organisations", []) or [])
        rows.append(
            [
                item.title + (f"\n{item.description}" if item.description else ""),
                when,
                who or str(item.invited),
                _("%(replied)d of %(invited)d") % {"replied": item.replied, "invited": item.invited}
                + (f"\n{replied}" if replied else ""),
            ]
        )
    doc.add(
        Table([_("Consultation"), _("When"), _("Who was invited"), _("Replies")], rows, widths=(0.4, 0.2, 0.2, 0.2))
    )


def _overview(doc: Document, data: Midterm) -> None:
    doc.add(Heading(_("Overview")))
    by_status = data.by_status()
    total = len(data.rows)
    facts = [
        (_("Recommendations"), str(total)),
        (_("With a lead entity"), _share(sum(1 for row in data.rows if row.lead), total)),
        (_("With a measure reported"), _share(sum(1 for row in data.rows if row.updates), total)),
    ]
    facts += [(status, _share(by_status[status], total)) for status in _statuses(data) if by_status.get(status)]
    doc.add(Facts(facts))
    language = data.language
    positions = data.by_position()
    if positions:
        doc.add(
            Figure(
                charts.bars(
                    _("Recommendations by position"), list(positions), list(positions.values()), language=language
                ),
                width=0.8,
            )
        )
    for title, key, caption in (
        (
            _("Implementation status by theme"),
            lambda row: row.themes or [_("No theme")],
            _("The %(count)d themes with the most recommendations; a recommendation counts under each of its themes."),
        ),
        (
            _("Implementation status by lead entity"),
            lambda row: row.lead or [_("No lead entity")],
            _("The %(count)d lead entities with the most recommendations."),
        ),
        (
            _("Implementation status by Sustainable Development Goal"),
            lambda row: _goals(row) or [_("No SDG")],
            _("The %(count)d goals with the most recommendations; a recommendation counts under each of its goals."),
        ),
    ):
        counts = data.status_by(key)
        shown = _top(counts)
        if shown:
            statuses = [status for status in _statuses(data) if any(c[status] for c in shown.values())]
            doc.add(
                Figure(
                    charts.stacked_bars(
                        title,
                        list(shown),
                        [(status, [shown[name][status] for name in shown]) for status in statuses],
                        language=language,
                        colours=_colours(data, statuses),
                    ),
                    caption=caption % {"count": len(shown)} if len(shown) < len(counts) else "",
                )
            )
    dates, series = data.history
    if len(dates) > 1 and series:
        doc.add(
            Figure(
                charts.over_time(
                    _("Recommendations by implementation status over time"),
                    list(dates),
                    series,
                    language=language,
                    colours=_colours(data, [name for name, _values in series]),
                )
            )
        )


def _colours(data: Midterm, labels: list[str]) -> list[str]:
    """Each status its own colour in every chart ("Not assessed" one no status has)."""
    return charts.status_colours([data.status_keys.get(label, "not_assessed") for label in labels])


def _share(count: int, total: int) -> str:
    """ "12 (6%)"."""
    return _("%(count)d (%(percent)d%%)") % {"count": count, "percent": round(100 * count / total) if total else 0}


def _statuses(data: Midterm) -> list[str]:
    return data.statuses + [_("Not assessed")]


def _goals(row: Row) -> list[str]:
    """The SDG goals of a row ("16 - Peace…" from targets "16.2" too), by number."""
    goals = []
    for sdg in row.sdgs:
        number = sdg.split(" ", 1)[0].split(".", 1)[0]
        label = _("SDG %(number)s") % {"number": number}
        if label not in goals:
            goals.append(label)
    return goals


def _top(counts: dict) -> dict:
    """The ``TOP`` largest groups (a recommendation may count under several: a sum of
    the others would count it twice)."""
    return dict(sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:TOP])


def _chapters(doc: Document, data: Midterm) -> None:
    doc.add(PageBreak(), Heading(_("Progress by theme")))
    if not data.chapters:
        doc.add(Paragraph(_("No recommendation of this review is recorded yet.")))
    for number, chapter in enumerate(data.chapters, 1):
        _chapter(doc, data, number, chapter)


def _chapter(doc: Document, data: Midterm, number: int, chapter: Chapter) -> None:
    doc.add(Heading(f"{number}. {chapter.title}", level=2))
    if chapter.description:
        doc.add(Paragraph(chapter.description))
    doc.add(Heading(_("Recommendations"), level=3))
    doc.add(
        Table(
            [_("Recommendation"), _("Position"), _("Status")],
            [[_recommendation(row, length=400), row.position, row.status] for row in chapter.rows],
            widths=(0.64, 0.16, 0.2),
            small=True,
        )
    )
    doc.add(Heading(_("Measures taken"), level=3))
    if chapter.measures:
        doc.add(Bullets([_measure(update, data.rtl) for update in chapter.measures]))
    else:
        doc.add(Paragraph(_("No measure has been reported yet.")))
    if chapter.indicators:
        doc.add(Heading(_("Indicators"), level=3))
        doc.add(
            Table(
                [_("Indicator"), _("Baseline"), _("Latest value"), _("Target"), _("Source")],
                [
                    [
                        _indicator_name(line),
                        _with_unit(line.baseline, line.unit),
                        _with_unit(line.latest, line.unit)
                        + (f"\n{long_date(line.latest_date)}" if line.latest_date else ""),
                        _with_unit(line.target, line.unit),
                        line.source,
                    ]
                    for line in chapter.indicators
                ],
                widths=(0.4, 0.13, 0.17, 0.13, 0.17),
                small=True,
            )
        )
        measured = [
            (line.name, _number(line.baseline), _number(line.latest), _number(line.target))
            for line in chapter.indicators
        ]
        measured = [item for item in measured if item[3] is not None and (item[1] is not None or item[2] is not None)]
        if measured:
            doc.add(
                Figure(
                    charts.against_target(_("Indicators against their targets"), measured[:10], language=data.language),
                    width=0.8,
                )
            )
    if chapter.challenges:
        doc.add(Heading(_("Challenges"), level=3), Bullets(chapter.challenges))
    if chapter.next_steps:
        doc.add(Heading(_("Next steps"), level=3), Bullets(chapter.next_steps))


def _measure(update, rtl: bool) -> str:
    """ "7 December 2026, Ministry of Justice: Bill sent to the National Assembly"."""
    return _("%(date)s, %(entity)s: %(text)s") % {
        "date": long_date(update.date),
        "entity": embedded(update.entity, rtl),
        "text": embedded(" ".join(update.text.split()), rtl),
    }


def _indicator_name(line) -> str:
    parts = [line.name, f"({line.kind})"]
    if line.sdg:
        parts.append(_("SDG indicator %(code)s") % {"code": line.sdg})
    return " ".join(parts[:2]) + (f"\n{parts[2]}" if len(parts) > 2 else "")


def _with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}".strip() if value else ""


def _number(value: str) -> float | None:
    """The number a baseline, value or target opens with ("31", "45.5 %", "1,200"?)."""
    match = _NUMBER.match(value or "")
    if not match:
        return None
    text = match.group(1)
    try:
        return float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text.replace(",", ""))
    except ValueError:
        return None


def _recommendation(row: Row, *, length: int | None = None) -> str:
    """ "121.1 Ratify … (France) (Lithuania)", cut after ``length`` characters."""
    text = row.text if length is None or len(row.text) <= length else row.text[:length].rsplit(" ", 1)[0] + " …"
    states = " ".join(f"({state})" for state in row.states)
    return " ".join(part for part in (row.paragraph, text, states) if part)


def _changes(doc: Document, data: Midterm) -> None:
    doc.add(Heading(_("Changes of position since the review")))
    if not data.changes:
        doc.add(Paragraph(_("No position has changed since the review.")))
        return
    doc.add(
        Table(
            [_("Recommendation"), _("Position at the review"), _("Position now"), _("Changed on")],
            [
                [f"{change.paragraph} {change.text}".strip(), change.before, change.after, long_date(change.date)]
                for change in data.changes
            ],
            widths=(0.55, 0.15, 0.15, 0.15),
            small=True,
        )
    )


def _needs(doc: Document, data: Midterm) -> None:
    doc.add(Heading(_("Technical assistance and funding needs")))
    if not data.needs:
        doc.add(Paragraph(_("No action of the plan asks for technical assistance or for a United Nations fund.")))
        return
    doc.add(
        Table(
            [
                _("Action"),
                _("Responsible entity"),
                _("Recommendations"),
                _("Technical assistance needed"),
                _("Budget"),
                _("Funding source"),
            ],
            [
                [
                    need.action,
                    need.entity,
                    _numbers(need.paragraphs, data.rtl),
                    need.assistance,
                    need.budget,
                    need.funding,
                ]
                for need in data.needs
            ],
            widths=(0.22, 0.14, 0.12, 0.24, 0.12, 0.16),
            small=True,
        )
    )


def _numbers(paragraphs: list[str], rtl: bool) -> str:
    """ "121.1, 121.13, 122.70", in this order in a right-to-left document too."""
    listed = ", ".join(paragraphs)
    return f"\u202a{listed}\u202c" if rtl and listed else listed


def _annex(doc: Document, data: Midterm) -> None:
    doc.add(PageBreak(), Heading(_("Annex: implementation of every recommendation")))
    doc.add(
        Paragraph(
            _(
                "Every recommendation of the review, supported and noted, with its position, its "
                "implementation status and the measures reported."
            ),
            note=True,
        )
    )
    rows: list = []
    for theme, group in data.matrix.groups():
        if theme:
            rows.append(Band(_("Theme: %(theme)s") % {"theme": theme}))
        for row in group:
            measures = [_measure(update, data.rtl) for update in row.updates]
            if row.lead:
                measures.insert(0, _("Lead: %(entities)s") % {"entities": "; ".join(row.lead)})
            rows.append([_recommendation(row), row.position, row.status, "\n".join(measures)])
    doc.add(
        Table(
            [_("Recommendation"), _("Position"), _("Status"), _("Measures")],
            rows,
            widths=(0.45, 0.12, 0.13, 0.3),
            small=True,
        )
    )
