"""Writes of the treaty bodies' follow-up procedures: the paragraphs picked, their parts,
and the Committee's grades by round (``record``, run by the importer in the import's
transaction).

Re-importing the same file changes nothing. A newer file from the same kind of source
replaces the grades it gave before for the same round (the Committee may correct its
report), and the audit trail keeps the earlier ones; grades of rounds the file does not
give are never touched. A grade must be on the committee's scale (reference.GradeLevel).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightstrack.core.audit import record as audit
from rightstrack.core.models import AuditAction
from rightstrack.progress.models import CommitteeAssessment, FollowUp, FollowUpParagraph, FollowUpPart, PartGrade
from rightstrack.progress.parts import labels_in
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.reference.models import GradeLevel


def record(procedures, ctx) -> None:
    """Write parsed procedures (``progress.ccpr_followup.ParsedProcedure``); errors go to
    ``ctx.summary.errors`` (the importer then rolls everything back)."""
    summary = ctx.summary
    scales: dict[int, set[str]] = {}
    counts = {"procedures": 0, "paragraphs": 0, "grades": 0, "latest": 0, "changed": 0}
    for procedure in procedures:
        document = Document.objects.select_related("mechanism").filter(symbol=procedure.document).first()
        if document is None:  # the importer wrote it just before, unless it failed
            summary.errors.append(f"{ctx.source}: {procedure.location}: document {procedure.document} was not written")
            continue
        scale = scales.setdefault(
            document.mechanism_id,
            set(GradeLevel.objects.filter(mechanism_id=document.mechanism_id).values_list("code", flat=True)),
        )
        follow_up = _follow_up(document, procedure)
        counts["procedures"] += 1
        paragraphs = {p.paragraph: _paragraph(follow_up, p.paragraph, p.title, p.parts) for p in procedure.paragraphs}
        for index, round_ in enumerate(procedure.rounds):
            assessment = _assessment(follow_up, round_, ctx.source)
            for number, grades in round_.grades.items():
                bad = [g.grade for g in grades if g.grade not in scale]
                if bad:
                    summary.errors.append(
                        f"{ctx.source}: {procedure.location} paragraph {number}: grade {bad[0]!r} is not on the "
                        f"{document.mechanism.code} scale ({', '.join(sorted(scale)) or 'none defined'})"
                    )
                    continue
                if number not in paragraphs:
                    paragraphs[number] = _paragraph(follow_up, number, "", [])
                changed = _set_grades(assessment, paragraphs[number], grades, ctx.user)
                counts["changed"] += changed
                counts["grades"] += len(grades)
                if index == len(procedure.rounds) - 1 and procedure.paragraphs:
                    counts["latest"] += len(grades)
        counts["paragraphs"] += len(paragraphs)
        summary.also.extend(procedure.notes)
    summary.counts.update(
        {
            "follow-up procedures": counts["procedures"],
            "follow-up paragraphs": counts["paragraphs"],
            "grades": counts["grades"],
            "grades changed": counts["changed"],
        }
    )
    summary.also.append(
        _(
            "%(procedures)d follow-up procedures, %(paragraphs)d paragraphs, %(grades)d grades of the Committee "
            "(%(latest)d in the latest assessments); %(changed)d grades changed since the last import."
        )
        % counts
    )


def _follow_up(document: Document, procedure) -> FollowUp:
    follow_up, _created = FollowUp.objects.get_or_create(document=document)
    given = {"reply_symbol": procedure.reply_symbol, "reply_date": procedure.reply_date}
    given = {k: v for k, v in given.items() if v not in (None, "") and getattr(follow_up, k) != v}
    if given:  # a source that does not know the reply leaves what another gave
        FollowUp.objects.filter(pk=follow_up.pk).update(**given)
        for name, value in given.items():
            setattr(follow_up, name, value)
    return follow_up


def _paragraph(follow_up: FollowUp, number: str, title: str, parts: list[tuple[str, str]]) -> FollowUpParagraph:
    paragraph, _created = FollowUpParagraph.objects.get_or_create(follow_up=follow_up, paragraph=number)
    changes = {}
    if title and paragraph.title != title:
        changes["title"] = title
    if paragraph.recommendation_id is None:
        found = Recommendation.objects.filter(document_id=follow_up.document_id, paragraph=number).first()
        if found is not None:
            changes["recommendation"] = found
    if changes:
        for name, value in changes.items():
            setattr(paragraph, name, value)
        paragraph.save()
    known = {part.label: part for part in paragraph.parts.all()}
    for position, (label, text) in enumerate(parts):
        part = known.get(label)
        if part is None:
            FollowUpPart.objects.create(paragraph=paragraph, label=label, text=text, position=position)
        elif (part.text, part.position) != (text, position):
            part.text, part.position = text, position
            part.save(update_fields=["text", "position"])
    return paragraph


def _assessment(follow_up: FollowUp, round_, source: str) -> CommitteeAssessment:
    """The round's assessment: found by its symbol, else (an earlier round known only by
    its session) by session and year."""
    found = (
        follow_up.assessments.filter(symbol=round_.symbol)
        if round_.symbol
        else follow_up.assessments.filter(symbol="", session=round_.session, year=round_.year)
    )
    assessment = found.first() or CommitteeAssessment(follow_up=follow_up, symbol=round_.symbol)
    given = {"session": round_.session, "dates": round_.dates, "date": round_.date, "year": round_.year}
    for name, value in given.items():
        if value not in (None, ""):
            setattr(assessment, name, value)
    assessment.source = assessment.source or source
    assessment.save()
    return assessment


def _set_grades(assessment: CommitteeAssessment, paragraph: FollowUpParagraph, grades, user) -> int:
    """Make the paragraph's grades in this assessment those given; return how many
    differ from those it had (0 on a re-import of the same file)."""
    before = list(PartGrade.objects.filter(assessment=assessment, paragraph=paragraph).order_by("position"))
    now = [(g.label, g.grade, g.evaluation) for g in grades]
    if [(g.label, g.grade, g.evaluation) for g in before] == now:
        return 0
    if before:
        audit(
            user,
            paragraph,
            AuditAction.IMPORTED,
            {"grades": "; ".join(f"{g.label or '¶'} {g.grade}" for g in before)},
            {"grades": "; ".join(f"{label or '¶'} {grade}" for label, grade, _e in now)},
            note=str(assessment)[:100],
        )
        PartGrade.objects.filter(pk__in=[g.pk for g in before]).delete()
    parts = {part.label: part for part in paragraph.parts.all()}
    for position, (label, grade, evaluation) in enumerate(now):
        row = PartGrade.objects.create(
            assessment=assessment,
            paragraph=paragraph,
            label=label,
            grade=grade,
            evaluation=evaluation,
            position=position,
        )
        named = [parts[name] for name in labels_in(label) if name in parts]
        if named:
            row.parts.set(named)
    return max(len(before), len(now)) if before else 0
