"""Quality check of one recommendation: concrete, aimed at people, measurable, time-bound,
addressed to someone; and its UPR Info action category.

Rules, not a model: each verdict names the words that decided it, so a person can see
why and disagree. The operative part is found first — the imperative of a UPR
recommendation ("Adopt…"), what follows "The State party should" in concluding
observations — and cut into parts at lettered sub-paragraphs and semicolons. A part asks
for a concrete action when its verb is a concrete one ("adopt", "ratify", "amend") with
an object that is not just "measures" or "efforts", or an implementing verb ("implement",
"develop") with a named instrument ("a national action plan"). Weak verbs ("take measures
to", "continue efforts to") pass through to the verb they govern; "consider" never
passes, since the State is not asked to act. The action category follows UPR Info's
scheme from the first verb: 1 minimal, 2 continuing, 3 considering, 4 general,
5 specific. English, French and Spanish are covered; other languages get no verdicts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.tagging.quality_lexicon import LEXICON

KEYS = ("concrete_action", "rights_holders", "measurable", "time_bound", "addressee")
LABELS = {
    "concrete_action": gettext_lazy("Concrete action"),
    "rights_holders": gettext_lazy("Rights-holders named"),
    "measurable": gettext_lazy("Measurable"),
    "time_bound": gettext_lazy("Time-bound"),
    "addressee": gettext_lazy("Addressee clear"),
}
CATEGORY_NAMES = {
    1: gettext_lazy("minimal action"),
    2: gettext_lazy("continuing action"),
    3: gettext_lazy("considering action"),
    4: gettext_lazy("general action"),
    5: gettext_lazy("specific action"),
}
# Verb classes in the order they are tried; the category each gives when it leads.
VERB_CLASSES = ("continue", "consider", "minimal", "concrete", "instrument", "general")
FRAME_CATEGORY = {"minimal": 1, "continue": 2, "consider": 3}

INFINITIVE = {"fr": ("er", "ir", "re"), "es": ("ar", "er", "ir")}
SUFFIX = {
    "fr": r"(?:er|ir|re|ire|e|es|ent|ee|ees|ant|i|ie|is|ies|it|issant|isse|issent|isant|ise|ons|ez)?",
    "es": r"(?:ar|er|ir|arse|erse|irse|e|es|en|a|as|an|o|ando|iendo|ado|ada|ados|adas|ido|ida|idos|idas|emos)?",
}
# Treaty and mandate titles name groups ("Convention on the Rights of the Child") without
# the recommendation being about them; such mentions do not count as rights-holders.
TITLE_RE = re.compile(
    r"\b(?:convention|convencion|protocol\w*|protocole|covenant|rapporteur\w*|relator\w*|committee|comite)\b[^.;:()]{0,80}?"
    r"\b(?:child|enfant|nino|disabilities|handicapees|discapacidad|women|femmes|mujer|families|familles|familiares|refugees"
    r"|refugies|refugiados|stateless persons|apatrides|apatridas|defenders|defenseurs|defensores|indigenous peoples"
    r"|peuples autochtones|pueblos indigenas|migrants|migrantes|trabajadores migratorios|minority issues)\b"
)
PERCENT_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|per ?cent\b|pour cent\b|por ciento\b)"
    r"|[$€£]\s?\d+|\b\d+\s*(?:usd|euros?|dollars?)\b"
)
NUMBER_RE = re.compile(r"(?<![\w/.\-])\d+(?:[.,]\d+)?(?![\w/])")
# Numbers that identify rather than measure: articles, resolutions, sessions, years.
REFERENCE_WORDS = set(
    "article articles art paragraph paragraphs para paras resolution resolutions session no nos number "
    "protocol op convention decision law act code decree cycle rule rules principle goal goals target sdg mdg "
    "comment recommendation recommendations chapter section bill articulo articulos parrafo resolucion ley "
    "decreto convenio n numero loi alinea observation observacion general".split()
)
ARTICLES = {"the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "un", "una", "une", "des", "there", "it"}
WORD_RE = re.compile(r"\w+")
ACRONYM_RE = re.compile(r"\b[A-Z][A-Z-]{2,}\b")  # a treaty's acronym names an instrument: CEDAW, OP-CAT
COORDINATED_RE = re.compile(
    r"(?:\s*\b(?:and|or|et|ou|y|o|e)\s+(?!(?:the|a|an|its|all|their|any|other|such|le|la|les|l|un|une"
    r"|des|du|el|los|las|una|sus|ses|son|sa|su|lo)\b)\w+\b)?"
)
ASIDE_RE = re.compile(r"\s*,[^,;:]{1,60},")
LIMB_RE = re.compile(r"\s*(?:and|or|et|ou|y|e|o)?\s*\(?(?:[a-h]|[ivx]{1,4})\)\s+")
SENTENCE_RE = re.compile(r"(?<=[a-z0-9)\]])[.!?]\s+(?=[A-Z(])")


def _verb_regex(entry: str, lang: str) -> str:
    """The inflected forms of one verb entry ("ratify" → ratify, ratifies, ratified, ratifying)."""
    if lang != "en":
        return (entry[:-2] if entry.endswith(INFINITIVE[lang]) else entry) + SUFFIX[lang]
    if entry.endswith("e"):
        return entry[:-1] + "(?:e|es|ed|en|ing)"
    if entry.endswith("y") and entry[-2] not in "aeiou":
        return entry[:-1] + "(?:y|ies|ied|ying)"
    return entry + (f"{entry[-1]}?" if entry[-1].isalpha() else "") + "(?:|s|es|ed|n|ing)"


def _compile(lang: str, lex: dict) -> dict:
    rules = {
        name: re.compile("(?:" + "|".join(_verb_regex(e, lang) for e in lex[name].split()) + ")")
        for name in (*VERB_CLASSES, "ensure", "appeal", "seek")
    }
    rules.update({name: set(lex[name].split()) for name in ("instruments", "vague", "markers", "skip", "intro", "aux")})
    rules.update({name: re.compile(rf"\b(?:{lex[name]})\b") for name in ("bodies", "groups", "measures", "urgency")})
    rules.update({name: re.compile(lex[name]) for name in lex if name not in rules})
    return rules


RULES = {lang: _compile(lang, lex) for lang, lex in LEXICON.items()}


@dataclass(frozen=True)
class Verdict:
    """One criterion: passed or not, why, and the words that decided it."""

    key: str
    label: str
    passed: bool
    reason: str
    evidence: str = ""


@dataclass(frozen=True)
class QualityReport:
    """The five verdicts in KEYS order, how many passed, and the estimated action category."""

    verdicts: tuple[Verdict, ...]
    score: int
    category: int | None = None  # UPR Info action category 1–5, estimated from the verb
    category_reason: str = ""

    def as_dict(self) -> dict:
        """Flat JSON/CSV record: each verdict's key and ``key_reason``, the score, and the
        estimated action category (named so as not to clash with UPR Info's own label)."""
        out: dict = {}
        for verdict in self.verdicts:
            out[verdict.key] = verdict.passed
            out[f"{verdict.key}_reason"] = verdict.reason
        out["score"] = self.score
        out["estimated_action_category"] = self.category
        out["estimated_action_category_reason"] = self.category_reason
        return out


@dataclass(frozen=True)
class _Action:
    verb: str  # as written
    kind: str  # one of VERB_CLASSES, or "unknown"
    obj: str = ""
    inner: _Action | None = None  # the verb a weak verb governs ("take steps to *ratify*")
    phrase: str = ""  # for an action inside "ensure that … are prosecuted"


def _fold(text: str) -> str:
    """Lower-case, accent-free copy of the same length, so spans found in it cut the original."""
    chars = []
    for ch in text.replace("’", "'"):
        low = unicodedata.normalize("NFD", ch)[0].lower()
        chars.append(low if len(low) == 1 else ch)
    return "".join(chars)


def _kind(word: str, rules: dict) -> str | None:
    return next((name for name in VERB_CLASSES if rules[name].fullmatch(word)), None)


def _shorten(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def _first_word(tokens: list[re.Match], rules: dict) -> int:
    """Index of the first word that is not an adverb or a filler ("also", "to")."""
    i = 0
    while i < len(tokens) and (
        tokens[i].group() in rules["skip"]
        or (rules["adverb"].fullmatch(tokens[i].group()) and not _kind(tokens[i].group(), rules))
    ):
        i += 1
    return i


def _object(text: str, folded: str, start: int, end: int, kind: str, rules: dict) -> str:
    """What the verb acts on, up to the first clause boundary, at most 12 words."""
    if kind in ("concrete", "instrument"):
        start = rules["particles"].match(folded, start, end).end()  # "set up", "mettre en place"
    start = COORDINATED_RE.match(folded, start, end).end()  # "Establish and implement a strategy"
    aside = ASIDE_RE.match(folded, start, end)  # "Organize, as a matter of urgency, consultations"
    start = aside.end() if aside else start
    stop, last = end, start
    for m in rules["boundary"].finditer(folded, start + 1, end):
        if m.group() == "," and len(WORD_RE.findall(folded[last : m.start()])) <= 1:
            last = m.end()  # a comma after one word lists adjectives: "prompt, thorough … investigations"
            continue
        stop = m.start()
        break
    return _shorten(text[start:stop].strip(" ,;:.\"'"))


def _has_instrument(obj: str, rules: dict) -> bool:
    words = WORD_RE.findall(_fold(obj))
    return any(w in rules["instruments"] or w[:-1] in rules["instruments"] for w in words) or bool(
        ACRONYM_RE.search(obj)
    )


def _is_concrete(action: _Action, rules: dict) -> bool:
    """A concrete verb with a real object, or an implementing verb with a named instrument."""
    if action.phrase:
        return True
    vague = set(WORD_RE.findall(_fold(action.obj))[:4]) & rules["vague"]
    if action.kind == "concrete":
        return bool(action.obj) and (not vague or _has_instrument(action.obj, rules))
    return action.kind == "instrument" and _has_instrument(action.obj, rules)


def _analyse(text: str, folded: str, start: int, end: int, rules: dict, depth: int = 0) -> _Action | None:
    """The operative verb of text[start:end], its object and, for a weak verb, the verb it governs."""
    tokens = list(WORD_RE.finditer(folded, start, end))
    i = _first_word(tokens, rules)
    if i == len(tokens):
        return None
    word = tokens[i].group()
    kind = _kind(word, rules)
    if kind is None and depth == 0 and word in ARTICLES:
        # "That the Ministry of Education implement …": the verb after the subject.
        verb = next((t for t in tokens[i + 1 : i + 10] if _kind(t.group(), rules)), None)
        return _analyse(text, folded, verb.start(), end, rules, 1) if verb else None
    if kind is None and depth == 0 and word in rules["intro"] and "," in folded[tokens[i].start() : end]:
        return _analyse(text, folded, folded.index(",", tokens[i].start(), end) + 1, end, rules, 1)
    if kind is None and (depth > 0 or word.isdigit()):
        return None
    if (
        kind == "continue"
        and i + 2 < len(tokens)
        and tokens[i + 1].group() in ("and", "et", "y")
        and _kind(tokens[i + 2].group(), rules)
    ):
        i += 2  # "Continue and strengthen its efforts": the second verb says what is asked
        word, kind = tokens[i].group(), _kind(tokens[i].group(), rules)
    obj = _object(text, folded, tokens[i].end(), end, kind or "", rules)
    if kind == "continue" and "prosecute" in rules and rules["prosecute"].search(_fold(obj)):
        kind = "concrete"  # French "poursuivre les auteurs": prosecute, not continue
    if kind == "minimal" and rules["seek"].fullmatch(word) and not rules["help"].search(_fold(obj)):
        kind = "general"  # "seek alternative solutions" does not ask for help
    action = _Action(text[tokens[i].start() : tokens[i].end()], kind or "unknown", obj)
    if _is_concrete(action, rules) or depth >= 2:
        return action
    inner = _governed(text, folded, tokens, i, end, rules, depth)
    return _Action(action.verb, action.kind, obj, inner) if inner else action


def _governed(
    text: str, folded: str, tokens: list[re.Match], i: int, end: int, rules: dict, depth: int
) -> _Action | None:
    """The action a weak verb at tokens[i] governs: "take steps *to ratify*", "consider
    *ratifying*", or "ensure that perpetrators are *prosecuted*"."""
    for j in range(i + 1, min(i + 15, len(tokens))):
        prev = j - 1
        while prev > i and rules["adverb"].fullmatch(tokens[prev].group()):
            prev -= 1  # "with a view to formally abolishing"
        after_marker = tokens[prev].group() in rules["markers"]
        if _kind(tokens[j].group(), rules) and (
            after_marker or (j == i + 1 and rules["gerund"].fullmatch(tokens[j].group()))
        ):
            inner = _analyse(text, folded, tokens[j].start(), end, rules, depth + 1)
            if inner:
                return inner
    return _ensured(text, tokens, i, rules) if rules["ensure"].fullmatch(tokens[i].group()) else None


def _ensured(text: str, tokens: list[re.Match], i: int, rules: dict) -> _Action | None:
    """After "ensure", a concrete verb in the passive ("that perpetrators are prosecuted")
    or with its own subject ("that the Parliament adopts")."""
    for j in range(i + 2, min(i + 20, len(tokens))):
        word, prev = tokens[j].group(), j - 1
        while prev > i and (
            tokens[prev].group() in ("and", "et", "y") or rules["adverb"].fullmatch(tokens[prev].group())
        ):
            prev -= 1  # "are fully and independently investigated"
        if _kind(word, rules) == "concrete" and (
            tokens[prev].group() in rules["aux"] or rules["active"].fullmatch(word)
        ):
            return _Action(
                text[tokens[j].start() : tokens[j].end()],
                "concrete",
                phrase=_shorten(text[tokens[i].start() : tokens[j].end()]),
            )
    return None


def _parts(text: str, folded: str, rules: dict) -> tuple[list[tuple[int, int]], str]:
    """Spans of the operative parts — imperative sentences and what follows "should" — and
    the subject asked to act ("" for an imperative)."""
    spans, subject = [], None
    bounds = [0] + [m.end() for m in SENTENCE_RE.finditer(text)] + [len(text)]
    for s, e in zip(bounds, bounds[1:], strict=False):
        marker = LIMB_RE.match(folded, s)
        s = marker.end() if marker else s
        tokens = list(WORD_RE.finditer(folded, s, e))
        first = _first_word(tokens, rules)
        found = rules["rec"].search(folded[s:e]) or rules["should"].match(folded[s:e])
        if first < len(tokens) and _kind(tokens[first].group(), rules):
            spans.append((s, e))
            subject = "" if subject is None else subject
        elif found:
            spans.append((s + found.end(), e))
            subject = (
                text[s + found.start("subject") : s + found.end("subject")].strip() if subject is None else subject
            )
    if not spans:  # no known verb, no "should": read the whole text as an imperative
        spans, subject = [(0, len(text))], ""
    return [piece for s, e in spans for piece in _limbs(folded, s, e)], subject


def _limbs(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut at colons and semicolons, dropping the "(a)" that opens a lettered sub-paragraph."""
    cuts = [start] + [start + m.end() for m in re.finditer(r"[;:]", folded[start:end])] + [end]
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        marker = LIMB_RE.match(folded, a, b)
        a = marker.end() if marker else a
        if len(WORD_RE.findall(folded[a:b])) >= 2:
            pieces.append((a, b))
    return pieces


def _explain(action: _Action, rules: dict) -> tuple[bool, str, str, int]:
    """(passed, reason, evidence, category) for one operative part."""
    chain = [action]
    while chain[-1].inner:
        chain.append(chain[-1].inner)
    core = next((a for a in chain if _is_concrete(a, rules)), None)
    # A weak frame before the action decides: "redouble efforts to seek assistance" is minimal;
    # otherwise, as in UPR Info's scheme, the first verb: "take measures to ratify" is general.
    frame = next((a.kind for a in chain if a.kind in FRAME_CATEGORY), None) if core is not action else None
    category = FRAME_CATEGORY.get(frame, 5 if core is action else 4)
    if core and frame == "consider":
        return (
            False,
            _('Only asks to consider ("%(verb)s"): the action "%(action)s" is not required')
            % {"verb": action.verb, "action": f"{core.verb} {core.obj}".strip()},
            action.verb,
            category,
        )
    if core and core.phrase:
        via = chain[chain.index(core) - 1].verb  # the "ensure" before "… are prosecuted"
        return (
            True,
            _('Action through "%(verb)s": "%(phrase)s"') % {"verb": via, "phrase": core.phrase},
            core.verb,
            category,
        )
    if core:
        reason = _('Action verb "%(verb)s" with object "%(object)s"') % {"verb": core.verb, "object": core.obj}
        if core is not action:
            reason += " " + _('(framed by "%(verb)s")') % {"verb": action.verb}
        return True, reason, core.verb, category
    return False, _weak_reason(action, chain[-1], frame), action.verb if frame else chain[-1].verb, category


def _weak_reason(action: _Action, last: _Action, frame: str | None) -> str:
    said = {
        "verb": last.verb,
        "object": last.obj,
        "phrase": f"{last.verb} {last.obj}".strip(),
        "frame": f"{action.verb} {action.obj}".strip(),
    }
    if frame == "consider":
        return _('Only asks to consider ("%(frame)s"), no action required') % said
    if frame == "continue":
        return _('Asks to continue ("%(frame)s"), no new specific action') % said
    if frame == "minimal":
        return _('Asks to share or seek help ("%(frame)s"), no action of its own') % said
    if last.kind in ("concrete", "instrument"):
        if not last.obj:
            return _('Verb "%(verb)s" without an object') % said
        return _('Verb "%(verb)s" with only "%(object)s": no specific law, body, plan or measure named') % said
    if last.kind == "unknown":
        return _('Verb "%(verb)s" is not one of the recognised action verbs') % said
    return _('General verb "%(verb)s" ("%(phrase)s"): no specific action that could be checked') % said


def _concrete(actions: list[_Action], rules: dict) -> tuple[Verdict, int | None, str]:
    """The concrete-action verdict over all parts (passed if any part passes) and the
    action category of the first part."""
    if not actions:
        return _verdict("concrete_action", False, _("No operative verb found")), None, ""
    results = [_explain(a, rules) for a in actions]
    passed = [r for r in results if r[0]]
    _ok, reason, evidence, _cat = passed[0] if passed else results[0]
    if len(results) > 1:
        reason += " " + _("(%(n)d of %(total)d parts name a concrete action)") % {
            "n": len(passed),
            "total": len(results),
        }
    category = results[0][3]
    category_reason = _('UPR Info category %(n)d (%(name)s), from the verb "%(verb)s"') % {
        "n": category,
        "name": CATEGORY_NAMES[category],
        "verb": actions[0].verb,
    }
    return _verdict("concrete_action", bool(passed), reason, evidence), category, category_reason


def _found(pattern: re.Pattern, folded: str, text: str, limit: int = 4) -> list[str]:
    """Distinct matches of ``pattern`` in the folded text, as written in the original."""
    seen: dict[str, str] = {}
    for m in pattern.finditer(folded):
        seen.setdefault(m.group().strip(), text[m.start() : m.end()].strip())
    return list(seen.values())[:limit]


def _rights_holders(text: str, folded: str, rules: dict) -> Verdict:
    masked = TITLE_RE.sub(lambda m: " " * len(m.group()), folded)
    groups = _found(rules["groups"], masked, text, limit=6)
    if groups:
        return _verdict(
            "rights_holders",
            True,
            _("Names rights-holders: %(groups)s") % {"groups": ", ".join(groups)},
            ", ".join(groups),
        )
    if masked != folded and rules["groups"].search(folded):
        return _verdict(
            "rights_holders",
            False,
            _("No group of rights-holders named (groups in treaty or mandate titles do not count)"),
        )
    return _verdict("rights_holders", False, _("No group of rights-holders named"))


def _figures(text: str, folded: str) -> list[str]:
    """Percentages, amounts and plain numbers, leaving out years and numbers that name an
    article, a resolution, a session (and the like) or stand in brackets ("article 2 (3)")."""
    found = [text[m.start() : m.end()] for m in PERCENT_RE.finditer(folded)]
    for m in NUMBER_RE.finditer(folded):
        value, before = m.group(), WORD_RE.findall(folded[max(0, m.start() - 40) : m.start()])[-5:]
        in_brackets = folded[m.start() - 1 : m.start()] == "(" and folded[m.end() : m.end() + 1] == ")"
        year = len(value) == 4 and value[:2] in ("19", "20")
        if not (year or in_brackets or set(before) & REFERENCE_WORDS or any(value in f for f in found)):
            found.append(value)
    return found


def _measurable(text: str, folded: str, rules: dict) -> Verdict:
    evidence = _found(rules["measures"], folded, text) + _figures(text, folded)[:3]
    if evidence:
        quoted = ", ".join(f'"{e}"' for e in evidence)
        return _verdict("measurable", True, _("Measurable: %(evidence)s") % {"evidence": quoted}, ", ".join(evidence))
    return _verdict("measurable", False, _("No number, indicator, target, budget or data collection found"))


def _time_bound(text: str, folded: str, rules: dict) -> Verdict:
    deadlines = _found(rules["deadline"], folded, text)
    if deadlines:
        return _verdict(
            "time_bound", True, _('Deadline or time frame: "%(when)s"') % {"when": deadlines[0]}, ", ".join(deadlines)
        )
    urgent = _found(rules["urgency"], folded, text, limit=1)
    if urgent:
        # Urgency asks for speed but gives no date against which progress can be checked.
        return _verdict(
            "time_bound",
            False,
            _('Only urgency ("%(words)s"): no date or time frame that can be checked') % {"words": urgent[0]},
            urgent[0],
        )
    return _verdict("time_bound", False, _("No deadline, date or time frame found"))


def _others(text: str, folded: str, subject: str | None, actions: list[_Action], spans: list, rules: dict) -> str:
    """Who else is asked to act, if the recommendation is not for the State: the subject of
    "The international community should", the object of "Call upon donors to", or the
    subject of "That the international community redouble …"."""
    first = actions[0] if actions else None
    sources = [subject or ""]
    if first and rules["appeal"].fullmatch(_fold(first.verb)):
        sources.append(first.obj)
    if spans:
        tokens = list(WORD_RE.finditer(folded, *spans[0]))
        lead = _first_word(tokens, rules)
        if lead < len(tokens) and tokens[lead].group() in ARTICLES:
            verb = next((t for t in tokens[lead : lead + 12] if _kind(t.group(), rules)), None)
            sources.append(text[spans[0][0] : verb.start()] if verb else "")
    for source in sources:
        other = rules["others"].search(_fold(source))
        if other:
            return source[other.start() : other.end()]
    return ""


def _addressee(text: str, folded: str, subject: str | None, others: str, rules: dict, state: str, upr: bool) -> Verdict:
    if others:
        return _verdict(
            "addressee", False, _('Directed at others ("%(who)s"), not the State') % {"who": others}, others
        )
    if subject is None:
        return _verdict("addressee", False, _('No imperative verb or "should" found: unclear who must act'))
    if subject and not rules["state"].search(_fold(subject)):
        evidence, reason = subject, _('Addressed to "%(who)s"') % {"who": subject}
    elif subject:
        evidence = state or _("the State party")
        reason = _('Addressed to %(who)s ("%(words)s")') % {"who": evidence, "words": subject}
    elif upr:
        evidence = state or _("the State under review")
        reason = (
            _("Imperative addressed to the State under review (%(state)s)") % {"state": state}
            if state
            else _("Imperative addressed to the State under review")
        )
    else:
        evidence = state or _("the State party")
        reason = _("Imperative addressed to %(who)s") % {"who": evidence}
    bodies = _found(rules["bodies"], folded, text)
    if bodies:
        reason += "; " + _("bodies named: %(bodies)s") % {"bodies": ", ".join(bodies)}
    return _verdict("addressee", True, reason, ", ".join([evidence, *bodies]))


def _verdict(key: str, passed: bool, reason: str, evidence: str = "") -> Verdict:
    return Verdict(key, str(LABELS[key]), passed, reason, evidence)


def check(text: str, language: str = "en", *, state_name: str = "", mechanism: str = "") -> QualityReport:
    """Check one recommendation's text in ``language`` ("en", "fr", "es"; others get no
    verdicts). ``state_name`` and ``mechanism`` ("UPR", "CCPR"…) only sharpen the
    addressee's reason: a UPR imperative speaks to the State under review."""
    rules = RULES.get((language or "en").split("-")[0].lower())
    if rules is None:
        reason = _('Language "%(language)s" is not covered by the quality check (English, French and Spanish are)') % {
            "language": language
        }
        return QualityReport(tuple(_verdict(key, False, reason) for key in KEYS), 0, None, reason)
    folded = _fold(text)
    upr = mechanism.upper() in ("UPR", "")
    spans, subject = _parts(text, folded, rules)
    actions = [a for a in (_analyse(text, folded, s, e, rules) for s, e in spans) if a]
    actions = [a for a in actions if a.kind != "unknown"] or actions[:1]
    concrete, category, category_reason = _concrete(actions, rules)
    if subject == "" and not actions:
        subject = None  # neither an imperative verb nor a "should"
    others = _others(text, folded, subject, actions, spans, rules)
    if others:
        category = 1  # UPR Info counts recommendations directed at others as minimal action
        category_reason = _('UPR Info category 1 (%(name)s): directed at others ("%(who)s")') % {
            "name": CATEGORY_NAMES[1],
            "who": others,
        }
    verdicts = (
        concrete,
        _rights_holders(text, folded, rules),
        _measurable(text, folded, rules),
        _time_bound(text, folded, rules),
        _addressee(text, folded, subject, others, rules, state_name, upr),
    )
    return QualityReport(verdicts, sum(v.passed for v in verdicts), category, category_reason)
