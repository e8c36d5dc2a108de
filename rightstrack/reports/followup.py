"""The State's follow-up report to a treaty body: what it holds (``build``) and its blocks
(``document``), written as Word or PDF by the shared writers.

A committee picks two to four paragraphs of its concluding observations and asks the
State for information on them within one year (two for CEDAW and CMW, or the
Committee's own date). This draft answers them part by part:

- the cover names the State, the Committee, the concluding observations, the paragraphs
  picked, the date the reply is due and the Committee's latest assessment;
- for each paragraph: its lead-in and each lettered part verbatim; under each part the
  Committee's last grade of it and the measures taken, with the responsible entity, the
  date and the data — pre-filled from the recommendation's actions (its own and its
  clusters') and from validated or published progress reports (published only for the
  public) with the indicator values they give. An action whose text names a part ("(b)")
  is put under that part with its reports, as is a report naming one; the others under
  "the paragraph as a whole";
- then the Committee's last assessment of the paragraph as it wrote it (the parts graded
  together, the grade, its evaluation).

Machines suggest, people decide: the draft says what it was filled from, and the entities
complete it in Word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.core.errors import InvalidValueError
from rightstrack.reference.translated import state_name
from rightstrack.reports.document import Cover, Document, Heading, Paragraph, Table, embedded
from rightstrack.reports.matrix import TEXT_LANGUAGE, long_date

MEASURE_WIDTHS = (0.46, 0.2, 0.12, 0.22)
ASSESSMENT_WIDTHS = (0.16, 0.18, 0.66)


class FollowUpNotFound(InvalidValueError):
    """No follow-up procedure on that document that the person may see; ``field`` is "document"."""

    def __init__(self, symbol, known: list[str]):
        self.field = "document"
        self.message = _("no follow-up procedure on %(symbol)r that you may see (known: %(known)s)") % {
            "symbol": symbol,
            "known": ", ".join(known[:20]) or "-",
        }
        super().__init__(f"{self.field}: {self.message}")


@dataclass
class Measure:
    text: str
    entity: str
    date: str
    data: str  # indicator values, "Indicator: value (date)"


@dataclass
class Part:
    label: str  # "(a)"; "" for a paragraph without parts
    text: str
    grade: str  # the Committee's last grade of it, "A – Largely satisfactory", or ""
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Graded:
    """The Committee's last assessment of a paragraph, as it wrote it."""

    parts: str
    grade: str
    evaluation: str


@dataclass
class FollowUpParagraph:
    number: str
    title: str
    lead: str
    parts: list[Part]
    whole: list[Measure]  # measures naming no part
    assessed_in: str  # "CCPR/C/128/3/Add.2 (2–27 March 2020)"
    graded: list[Graded]
    known: bool  # False: its text is not recorded


@dataclass
class FollowUpReport:
    symbol: str
    country: str
    committee: str
    mechanism: str
    adopted: dt.date | None
    due: dt.date | None
    due_rule: str
    reply: str
    latest: str
    language: str
    as_of: dt.date
    public: bool
    paragraphs: list[FollowUpParagraph]


def build(user, symbol: str, *, language: str = "en", today: dt.date | None = None) -> FollowUpReport:
    """The follow-up report on document ``symbol`` as ``user`` may see it, labels and
    dates in ``language``; FollowUpNotFound (naming the procedures one may ask for)."""
    from rightstrack.progress import selectors

    view = selectors.followup_of(user, symbol)
    if view is None:
        visible = selectors.followups(user).order_by("document__symbol")
        # The same State's procedures first (a wrong number: CO/2 for CO/3), else all.
        codes = [part for part in symbol.upper().split("/") if len(part) == 3 and part.isalpha()]
        same = visible.filter(document__states__iso3__in=codes) if codes else visible.none()
        known = list((same if same.exists() else visible).values_list("document__symbol", flat=True))
        raise FollowUpNotFound(symbol, known)
    follow_up = view.follow_up
    document = follow_up.document
    public = not (user is not None and user.is_authenticated)
    with translation.override(language):
        state = document.states.first()
        country = state_name(state.iso3, state.name, language) if state else ""
        paragraphs = [_paragraph(user, p, view.levels, TEXT_LANGUAGE.get(language, language)) for p in view.paragraphs]
        last = view.rounds[-1].assessment if view.rounds else None
        return FollowUpReport(
            symbol=document.symbol,
            country=country,
            committee=_(document.mechanism.name),
            mechanism=document.mechanism.code,
            adopted=document.date,
            due=follow_up.due_date,
            due_rule=_due_rule(follow_up),
            reply=follow_up.reply_symbol,
            latest=_assessed(last) if last else "",
            language=language,
            as_of=today or dt.date.today(),
            public=public,
            paragraphs=paragraphs,
        )


def _due_rule(follow_up) -> str:
    if follow_up.due:
        return _("the Committee's own date")
    years = follow_up.document.mechanism.followup_years
    if not years or not follow_up.document.date:
        return ""
    return ngettext("%(n)d year after adoption", "%(n)d years after adoption", years) % {"n": years}


def _assessed(assessment) -> str:
    when = assessment.dates or (str(assessment.year) if assessment.year else "")
    name = assessment.symbol or (_("session %(n)s") % {"n": assessment.session} if assessment.session else "")
    return f"{name} ({when})" if name and when else name or when


def _grade(code: str, levels: dict) -> str:
    level = levels.get(code)
    return f"{code} – {_(level.label)}" if level else code


def _paragraph(user, view, levels: dict, text_language: str) -> FollowUpParagraph:
    recommendation = view.recommendation
    lead = ""
    if recommendation is not None:
        lead = _text(recommendation, text_language)
        if view.parts:  # the lead-in is what comes before the first part
            first = lead.find(view.parts[0][0].label)
            lead = lead[:first].strip() if first > 0 else ""
    measures = _measures(user, recommendation)
    parts, named = [], set()
    for part, grade in view.parts:
        mine = [m for m, text in measures if part.label in text]
        named.update(id(m) for m in mine)
        parts.append(Part(part.label, part.text, _grade(grade.grade, levels) if grade else "", mine))
    if not view.parts:
        whole_grade = next((g for g in view.latest if not g.label), view.latest[0] if view.latest else None)
        parts.append(
            Part(
                "",
                lead if recommendation is not None else "",
                _grade(whole_grade.grade, levels) if whole_grade else "",
                [m for m, _t in measures],
            )
        )
        lead = ""
        named.update(id(m) for m, _t in measures)
    last = view.rounds[-1] if view.rounds else None
    return FollowUpParagraph(
        number=view.paragraph.paragraph,
        title=view.paragraph.title,
        lead=lead,
        parts=parts,
        whole=[m for m, _t in measures if id(m) not in named],
        assessed_in=_assessed(last.assessment) if last else "",
        graded=[
            Graded(g.label or _("The paragraph"), _grade(g.grade, levels), g.evaluation)
            for g in (last.grades if last else [])
        ],
        known=recommendation is not None,
    )


def _text(recommendation, language: str) -> str:
    if language != recommendation.language:
        translated = recommendation.translations.filter(language=language).first()
        if translated is not None:
            return translated.text
    return recommendation.text


def _measures(user, recommendation) -> list[tuple[Measure, str]]:
    """The recommendation's actions and settled progress reports as measures, each with
    the text searched for a part's label."""
    from rightstrack.progress.selectors import measures

    recorded = measures(user, recommendation)
    actions = recorded["actions"]
    found = []
    searched = {}  # an action's text, searched for a part's label with its reports' own
    for action in actions:
        status = action.get_status_display()
        when = _("due %(date)s") % {"date": long_date(action.due)} if action.due else ""
        text = f"{action.title}{' — ' + action.description.strip() if action.description.strip() else ''}"
        searched[action.pk] = f"{action.title} {action.description}"
        found.append((Measure(f"{text} ({status})", action.entity.name, when, ""), searched[action.pk]))
    for report in recorded["progress"]:
        data = "; ".join(f"{v.indicator.name}: {v.value} ({long_date(v.date)})" for v in report.indicator_values.all())
        found.append(
            (
                Measure(report.text.strip(), report.entity.name, long_date(report.date), data),
                f"{report.text} {searched.get(report.action_id, '')}",
            )
        )
    return found


def document(data: FollowUpReport) -> Document:
    """The report as blocks (see the module docstring)."""
    rtl = data.language == "ar"
    with translation.override(data.language):
        title = _("Information received from %(country)s on follow-up to the concluding observations") % {
            "country": data.country
        }
        numbers = ", ".join(p.number for p in data.paragraphs)
        facts = [
            (_("State"), data.country),
            (_("Committee"), data.committee),
            (_("Concluding observations"), embedded(data.symbol, rtl)),
            (_("Adopted"), long_date(data.adopted) if data.adopted else "—"),
            (_("Paragraphs selected for follow-up"), numbers),
            (
                _("Reply due"),
                (long_date(data.due) + (f" ({data.due_rule})" if data.due_rule else "")) if data.due else "—",
            ),
            (_("The Committee's latest assessment"), embedded(data.latest, rtl) if data.latest else "—"),
            (_("As of"), long_date(data.as_of)),
        ]
        if data.reply:
            facts.insert(6, (_("The State's previous reply"), embedded(data.reply, rtl)))
        doc = Document(
            title=title,
            language=data.language,
            as_of=data.as_of,
            cover=Cover(title=title, subtitle=embedded(data.symbol, rtl), facts=facts),
            author=_("National mechanism for reporting and follow-up of %(country)s") % {"country": data.country},
        )
        _introduction(doc, data, numbers, rtl)
        _summary(doc, data)
        for paragraph in data.paragraphs:
            _paragraph_blocks(doc, paragraph, rtl)
        return doc


def _introduction(doc: Document, data: FollowUpReport, numbers: str, rtl: bool) -> None:
    doc.add(Heading(_("Introduction")))
    doc.add(
        Paragraph(
            _(
                "In its concluding observations (%(symbol)s) the %(committee)s asked %(country)s to provide "
                "information on the implementation of the recommendations in paragraphs %(numbers)s."
            )
            % {
                "symbol": embedded(data.symbol, rtl),
                "committee": data.committee,
                "country": data.country,
                "numbers": numbers,
            }
        )
    )
    if data.due:
        doc.add(Paragraph(_("The information is due on %(date)s.") % {"date": long_date(data.due)}))
    doc.add(
        Paragraph(
            _(
                "This draft was prepared from the actions and the validated progress reports recorded by the "
                "national mechanism for reporting and follow-up: under each part of a paragraph, the measures "
                "taken, the responsible entity, the date and the data. The responsible entities complete and "
                "confirm it before it is sent."
            ),
            note=True,
        )
    )
    if data.public:
        doc.add(Paragraph(_("Only progress reports published by the national mechanism are included."), note=True))


def _summary(doc: Document, data: FollowUpReport) -> None:
    doc.add(Heading(_("Summary")))
    rows = []
    for paragraph in data.paragraphs:
        for part in paragraph.parts:
            rows.append([f"{paragraph.number} {part.label}".strip(), part.grade or "—", str(len(part.measures))])
        if paragraph.whole:
            rows.append([f"{paragraph.number} ({_('as a whole')})", "", str(len(paragraph.whole))])
    doc.add(
        Table(
            columns=[_("Paragraph and part"), _("The Committee's last grade"), _("Measures recorded")],
            rows=rows,
            widths=(0.3, 0.45, 0.25),
        )
    )


def _measure_table(measures: list[Measure]) -> Table:
    rows = [[m.text, m.entity, m.date, m.data] for m in measures] or [[_("To be completed."), "", "", ""]]
    return Table(
        columns=[_("Measures taken"), _("Responsible entity"), _("Date"), _("Data")],
        rows=rows,
        widths=MEASURE_WIDTHS,
        small=True,
    )


def _paragraph_blocks(doc: Document, paragraph: FollowUpParagraph, rtl: bool) -> None:
    heading = _("Paragraph %(number)s") % {"number": paragraph.number}
    doc.add(Heading(f"{heading}: {embedded(paragraph.title, rtl)}" if paragraph.title else heading))
    if not paragraph.known:
        doc.add(
            Paragraph(_("The text of this paragraph is not recorded: import the concluding observations."), note=True)
        )
    if paragraph.lead:
        doc.add(Paragraph(paragraph.lead))
    for part in paragraph.parts:
        if part.label:
            doc.add(Heading(f"{paragraph.number} {part.label}", level=2))
        if part.text:
            doc.add(Paragraph(part.text))
        if part.grade:
            doc.add(Paragraph(_("The Committee's last grade: %(grade)s") % {"grade": part.grade}, bold=True))
        doc.add(_measure_table(part.measures))
    if paragraph.whole:
        doc.add(Heading(_("Measures on the paragraph as a whole"), level=2))
        doc.add(_measure_table(paragraph.whole))
    if paragraph.graded:
        doc.add(
            Heading(
                _("The Committee's last assessment (%(document)s)")
                % {"document": embedded(paragraph.assessed_in, rtl)},
                level=2,
            )
        )
        doc.add(
            Table(
                columns=[_("Parts"), _("Grade"), _("The Committee's evaluation")],
                rows=[[g.parts, g.grade, g.evaluation] for g in paragraph.graded],
                widths=ASSESSMENT_WIDTHS,
                small=True,
            )
        )
