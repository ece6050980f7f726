"""The free-text classifier: which kind of move a typed question is, and why.

Deterministic rules over the wording, in English and in Spanish: the text is folded
(``lms.practice.folding``), then the stages of ``_classify`` are tried
in order and the first rule that matches decides. Each rule has a code and the words
it matched (the cue), from which ``lms.practice.explanations`` writes a short
explanation in the learner's language. Called by ``ask_free_text``
(``lms.practice.services.rounds``); the words are in ``lms.practice.lexicon``;
measured on the corpus splits (tests/lms/practice/corpus, docs/decisions/0009).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from courses.practice import MoveKind
from lms.practice.explanations import explain
from lms.practice.folding import as_typed, fold
from lms.practice.lexicon import LEXICON

__all__ = ["Classification", "classify", "fold"]

# Rules that read a clause as something told, not asked.
TOLD = {"statement", "yes_no_form", "consent", "yes_no"}


@dataclass(frozen=True)
class Classification:
    """The kind of a typed move, the rule that decided it and the words it saw."""

    kind: str
    rule: str
    cue: str = ""

    @property
    def explanation(self) -> str:
        """Why, in the active language, with a better move where there is one."""
        return explain(self.rule, self.cue)


def clauses(folded: str) -> list[str]:
    """The text cut at sentence ends and at ``¿`` (where a Spanish question
    starts), without a leading vocative ("ma'am, ...") or filler."""
    parts = re.split(r" ?[.?] ?| ?¿ ?", folded)
    return [part.strip(" ,") for part in parts if part.strip(" ,")]


def _search(pattern: str, units: list[str]) -> str | None:
    """The first match of ``pattern`` in the whole text or in one clause (``^``
    means the start of either)."""
    for unit in units:
        match = re.search(pattern, unit)
        if match:
            return match.group(0).strip(" ,.?¿")
    return None


def _first(patterns, units: list[str]) -> str | None:
    for pattern in patterns:
        cue = _search(pattern, units)
        if cue is not None:
            return cue
    return None


def _without_vocative(parts: list[str], lexicon: dict) -> list[str]:
    return [re.sub(lexicon["vocative"], "", part) for part in parts]


def _tag_question(parts: list[str], folded: str, lexicon: dict) -> str | None:
    """A statement closed by a tag ("..., didn't he?", "..., ¿verdad?"). A
    question that starts with an auxiliary or a wh- word is not one."""
    start = r"^(" + lexicon["aux_start"][1:] + "|" + lexicon["wh_start"][1:] + ")"
    for unit in [folded, *parts]:
        if len(unit.split()) <= 3 or re.search(start, unit):
            continue
        if re.search(lexicon["wh_tail"], unit):
            continue  # "…, where is it": a wh- question after a comma
        match = re.search(lexicon["tag"], unit)
        if match:
            return match.group(0).strip(" ,.?¿")
    return None


def _is_safety(units: list[str], lexicon: dict, text: str) -> str | None:
    cue = _first(lexicon["safety"], units)
    if cue is None:
        return None
    now = _first(
        [
            r"\bright now\b|\bnow\b|\btonight\b|\bstill\b|\btoday\b",
            r"\ben este momento\b|\bahora\b|\bahorita\b|\besta noche\b|\btodavia\b"
            r"|\baun\b|\bhoy\b",
        ],
        units,
    )
    if now is None and _search(lexicon["past_stay"], units):
        return None  # about the past stay, not a need now
    # Folding loses the accent of "él" (he) that tells it from "el" (the).
    raw = lexicon.get("named_raw")
    named = _search(lexicon["named_act"], units) or (
        raw is not None and re.search(raw, text.casefold())
    )
    if named or _search(lexicon["past_feeling"], units):
        return None  # names a person or a specific act, or asks about the past
    return cue


def _cued(units: list[str], parts: list[str], lexicon: dict) -> Classification | None:
    said = _search(lexicon["said_cue"], units)
    asks_more = _search(lexicon["more"], units)
    if said and asks_more:
        return Classification(MoveKind.CUED_INVITATION, "cued_said", said)
    # A later clause (after a full stop, a "¿" or a comma): what happened then is
    # a narrative on their words; any other wh- question asks for one detail.
    later = [p.strip() for part in parts for p in re.split(lexicon["joint"], part)][1:]
    if said and any(re.search(lexicon["narrative"], part) for part in later):
        return Classification(MoveKind.CUED_INVITATION, "cued_said", said)
    if said and any(re.search(lexicon["wh_start"], part) for part in later):
        return Classification(MoveKind.DIRECTIVE, "said_wh", said)
    for unit in units:
        match = re.search(lexicon["tell_me_about"], unit)
        if match and not re.search(lexicon["time_words"], match.group("np")):
            topic = match.group("np").strip(" ,.?¿")
            return Classification(MoveKind.CUED_INVITATION, "cued_about", topic)
    cue = _first(lexicon["anchored"], units)
    if cue is not None:
        return Classification(MoveKind.CUED_INVITATION, "cued_anchor", cue)
    return None


def classify(text: str, language: str) -> Classification:
    """The kind of ``text`` typed in ``language`` ("en" or "es"); the cue is given
    in the learner's own spelling (accents kept)."""
    language = language if language in LEXICON else "en"
    found = _classify(text, language, fold(text, language))
    return Classification(found.kind, found.rule, as_typed(text, found.cue, language))


def _leading(units: list[str], parts: list[str], folded: str, lexicon: dict):
    """Harmful, then suggestive: what must be caught whatever else the text does.
    Reassurance ("it's not your fault") is masked before blaming words are sought."""
    spared = _search(lexicon["retell_spared"], units)
    masked = [re.sub(lexicon["reassure"], " ", unit) for unit in units]
    for code, patterns in lexicon["harmful"]:
        if code == "retell" and spared:
            continue
        cue = _first(patterns, masked)
        if cue is not None:
            return Classification(MoveKind.HARMFUL, code, cue)
    for code, patterns in lexicon["suggestive"]:
        cue = _first(patterns, units)
        if cue is not None:
            return Classification(MoveKind.SUGGESTIVE, code, cue)
    cue = _tag_question(parts, folded, lexicon)
    if cue is not None:
        return Classification(MoveKind.SUGGESTIVE, "tag_question", cue)
    return None


def _rapport(parts: list[str], folded: str, lexicon: dict, said: str | None):
    """The rapport cue and the clauses after the last one that holds it: "Take
    your time. Tell me everything." is an invitation with a kind preface."""
    patterns = list(lexicon["rapport"])
    if said is None:
        patterns.append(lexicon["rapport_topic"])
    hits = [i for i, part in enumerate(parts) if _first(patterns, [part])]
    cue = _first(patterns, [folded, *parts])
    if cue is None:
        return None, []
    rest = parts[hits[-1] + 1 :] if hits else []
    if hits:
        # "Take your time and tell me…", "I wasn't there, so…": a request to tell
        # joined to the preface in the same clause decides too.
        last = parts[hits[-1]]
        end = max(m.end() for p in patterns for m in re.finditer(p, last))
        joined = re.match(lexicon["preface_joint"], last[end:])
        tail = last[joined.end() :].strip() if joined else ""
        if tail and _first(lexicon["invitation"], [tail]):
            rest = [tail, *rest]
    return cue, [p for p in rest if not re.search(lexicon["consent_tag"], p)]


def _classify(text: str, language: str, folded: str) -> Classification:
    lexicon = LEXICON[language]
    parts = _without_vocative(clauses(folded), lexicon)
    units = [folded, *parts]
    found = _leading(units, parts, folded, lexicon)
    if found is not None:
        return found
    cue = _first(lexicon["closing"], units)
    if cue is not None:
        return Classification(MoveKind.CLOSING, "closing", cue)
    said = _search(lexicon["said_cue"], units)
    cue, rest = _rapport(parts, folded, lexicon, said)
    if rest:
        # Only a request or a question after the preface decides.
        after = _classify(text, language, " . ".join(rest))
        if after.rule not in TOLD or "?" in folded:
            return after
    if cue is not None:
        return Classification(MoveKind.RAPPORT, "rapport", cue)
    cued = _cued(units, parts, lexicon) if said else None
    if cued is not None:
        return cued
    cue = _is_safety(units, lexicon, text)
    if cue is not None:
        return Classification(MoveKind.SAFETY, "safety", cue)
    cued = _cued(units, parts, lexicon)
    if cued is not None:
        return cued
    cue = _first([lexicon["tell_me_wh"], lexicon["remember_wh"]], units)
    if cue is not None:
        return Classification(MoveKind.DIRECTIVE, "tell_me_wh", cue)
    # "Did anyone see what happened?" asks a yes/no about the facts.
    open_units = [u for u in units if not re.search(lexicon["not_invitation"], u)]
    cue = _first(lexicon["invitation"], open_units)
    if cue is not None:
        return Classification(MoveKind.INVITATION, "invitation", cue)
    statement = _is_statement(folded)
    cue = None if statement else _search(lexicon["either_or"], parts)
    if cue is not None:
        return Classification(MoveKind.OPTION_POSING, "either_or", cue)
    cue = _first([lexicon["wh_start"]], parts)
    if cue is not None:
        return Classification(MoveKind.DIRECTIVE, "wh", cue)
    cue = _first([lexicon["aux_start"]], parts)
    if cue:
        return Classification(MoveKind.OPTION_POSING, "yes_no", cue)
    return _fallback(parts, folded, language, lexicon)


def _is_statement(folded: str) -> bool:
    """Typed with a full stop and no question mark: said, not asked."""
    return "?" not in folded and "¿" not in folded and folded.rstrip().endswith(".")


def _fallback(
    parts: list[str], folded: str, language: str, lexicon: dict
) -> Classification:
    """Nothing matched. A statement closed by "¿sale?" / "is that OK?" asks the
    young person's agreement (rapport); another question is a yes/no question
    (Spanish asks those with no auxiliary, and often with no question mark); a
    statement is taken for rapport."""
    words = " ".join(" ".join(parts).split()[:4])
    tag = re.search(lexicon["consent_tag"], folded.rstrip(" ?").rstrip() + " ?")
    if tag and len(folded.split()) > 4:
        return Classification(MoveKind.RAPPORT, "consent", tag.group(0).strip(" ,.?¿"))
    asked = "?" in folded or "¿" in folded
    if asked or (language == "es" and not _is_statement(folded)):
        return Classification(MoveKind.OPTION_POSING, "yes_no_form", words)
    return Classification(MoveKind.RAPPORT, "statement", words)
