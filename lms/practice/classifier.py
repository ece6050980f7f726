"""The free-text classifier: which kind of move a typed question is, and why.

Deterministic rules over the wording, in English and in Spanish: the text is folded
(case, accents, common typing shortcuts), then the stages of ``classify`` are tried
in order and the first rule that matches decides. Each rule has a code and the words
it matched (the cue), from which ``lms.practice.explanations`` writes a short
explanation in the learner's language. Called by ``ask_free_text``
(``lms.practice.services.rounds``); the words are in ``lms.practice.lexicon``;
measured on the held-out corpus (tests/lms/practice/corpus, docs/decisions/0015).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from courses.practice import MoveKind
from lms.practice.explanations import explain
from lms.practice.lexicon import LEXICON

__all__ = ["Classification", "classify", "fold"]

# Typing shortcuts and common slips, after folding.
SHORTHAND = {
    "en": {
        "u": "you",
        "ur": "your",
        "r": "are",
        "wher": "where",
        "whre": "where",
        "wat": "what",
        "wut": "what",
        "tel": "tell",
        "happend": "happened",
        "hapened": "happened",
        "happenned": "happened",
        "dont": "don't",
        "didnt": "didn't",
        "doesnt": "doesn't",
        "isnt": "isn't",
        "wasnt": "wasn't",
        "werent": "weren't",
        "arent": "aren't",
        "wont": "won't",
        "cant": "can't",
        "youre": "you're",
        "im": "i'm",
        "whats": "what's",
        "hes": "he's",
        "shes": "she's",
        "thats": "that's",
        "theyre": "they're",
        "ya": "you",
        "y": "why",
        "wen": "when",
        "wht": "what",
        "hw": "how",
        "thnx": "thanks",
    },
    "es": {
        "x": "por",
        "q": "que",
        "k": "que",
        "xq": "por que",
        "pq": "por que",
        "porq": "por que",
        "xk": "por que",
        "cel": "celular",
        "tmb": "tambien",
        "d": "de",
        "pa": "para",
        "ta": "esta",
        "toy": "estoy",
        "dnd": "donde",
        "kien": "quien",
        "ke": "que",
        "qe": "que",
        "porke": "por que",
        "xfa": "por favor",
    },
}
# Words worth a typo's tolerance (one letter wrong, missing, extra or swapped), and
# the real words near them that must stay as they are.
KEY_WORDS = {
    "en": {
        "happened",
        "anything",
        "everything",
        "promise",
        "remember",
        "mentioned",
        "questions",
        "question",
        "thanks",
    },
    "es": {
        "cuentame",
        "cuenteme",
        "platicame",
        "platiqueme",
        "dijiste",
        "mencionaste",
        "despues",
        "gracias",
        "prometo",
        "verdad",
    },
}
# Verb forms one letter away from a key word are words, not slips.
KEEP_WORDS = {
    "cuentale",
    "platicale",
    "cuentales",
    "platicales",
    "cuentanos",
    "platicanos",
}
PUNCTUATION = {";": ".", ":": ",", "!": ".", "¡": "", "…": "."}


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


def fold(text: str, language: str) -> str:
    """Lower-case, accents removed, quotes dropped, shortcuts expanded; ``?`` ``¿``
    ``,`` and ``.`` kept as tokens of their own (clause boundaries)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    tokens = re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[?¿,.;:!¡…]", text)
    shorthand = SHORTHAND.get(language, {})
    keys = KEY_WORDS.get(language, set())
    out = []
    for token in tokens:
        token = PUNCTUATION.get(token, token)
        if token:
            out.append(_mended(shorthand.get(token, token), keys))
    return " ".join(out)


def _mended(token: str, keys: set[str]) -> str:
    if len(token) < 6 or token in keys or token in KEEP_WORDS:
        return token
    return next((key for key in sorted(keys) if _one_slip(token, key)), token)


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter changed, added, dropped or two
    neighbours swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


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
            r"\bright now\b|\bnow\b|\btonight\b",
            r"\ben este momento\b|\bahora\b|\bahorita\b|\besta noche\b",
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
    # A later clause (after a full stop, a "¿" or a comma) asking a wh- question.
    later = [p.strip() for part in parts for p in part.split(",")][1:]
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
    found = _classify(text, language)
    return Classification(found.kind, found.rule, as_typed(text, found.cue, language))


def as_typed(text: str, cue: str, language: str) -> str:
    """The words of ``text`` that fold to ``cue`` ("por que" → "por qué")."""
    words = list(re.finditer(r"[\w']+", text))
    flat = [
        (token, index)
        for index, word in enumerate(words)
        for token in fold(word.group(0), language).split()
    ]
    target = [word for word in cue.split() if word not in {",", ".", "?", "¿"}]
    tokens = [token for token, _index in flat]
    for start in range(len(tokens) - len(target) + 1):
        if target and tokens[start : start + len(target)] == target:
            first, last = flat[start][1], flat[start + len(target) - 1][1]
            return text[words[first].start() : words[last].end()]
    return cue


def _classify(text: str, language: str) -> Classification:
    lexicon = LEXICON[language]
    folded = fold(text, language)
    parts = _without_vocative(clauses(folded), lexicon)
    units = [folded, *parts]
    spared = _search(lexicon["retell_spared"], units)
    for code, patterns in lexicon["harmful"]:
        if code == "retell" and spared:
            continue
        cue = _first(patterns, units)
        if cue is not None:
            return Classification(MoveKind.HARMFUL, code, cue)
    for code, patterns in lexicon["suggestive"]:
        cue = _first(patterns, units)
        if cue is not None:
            return Classification(MoveKind.SUGGESTIVE, code, cue)
    cue = _tag_question(parts, folded, lexicon)
    if cue is not None:
        return Classification(MoveKind.SUGGESTIVE, "tag_question", cue)
    for kind, stage in (
        (MoveKind.CLOSING, "closing"),
        (MoveKind.RAPPORT, "rapport"),
    ):
        cue = _first(lexicon[stage], units)
        if cue is not None:
            return Classification(kind, stage, cue)
    said = _search(lexicon["said_cue"], units)
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
    cue = _first(lexicon["invitation"], units)
    if cue is not None:
        return Classification(MoveKind.INVITATION, "invitation", cue)
    cue = _search(lexicon["either_or"], parts)
    if cue is not None:
        return Classification(MoveKind.OPTION_POSING, "either_or", cue)
    cue = _first([lexicon["wh_start"]], parts)
    if cue is not None:
        return Classification(MoveKind.DIRECTIVE, "wh", cue)
    cue = _first([lexicon["aux_start"]], parts)
    if cue:
        return Classification(MoveKind.OPTION_POSING, "yes_no", cue)
    return _fallback(parts, folded, language)


def _fallback(parts: list[str], folded: str, language: str) -> Classification:
    """Nothing matched: a question is a yes/no question (Spanish asks those with
    no auxiliary); a statement is taken for rapport."""
    words = " ".join(" ".join(parts).split()[:4])
    if language == "es" or "?" in folded or "¿" in folded:
        return Classification(MoveKind.OPTION_POSING, "yes_no_form", words)
    return Classification(MoveKind.RAPPORT, "statement", words)
