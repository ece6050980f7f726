"""Folding typed text for the free-text classifier: case, accents, quotes and typing
shortcuts ("u", "x", "q"), one-letter slips of a few key words mended; and finding a
cue again in the learner's own spelling. Called by ``lms.practice.classifier``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["as_typed", "fold"]

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
        # Voseo, read as the tuteo forms the wording is written in.
        "vos": "tu",
        "sos": "eres",
        "contame": "cuentame",
        "contanos": "cuentanos",
        "decime": "dime",
        "decinos": "dinos",
        "tenes": "tienes",
        "queres": "quieres",
        "podes": "puedes",
        "acordas": "acuerdas",
    },
}
# A word typed for a question word at the start of a clause: "were did you sleep"
# (no question starts with "were" followed by an auxiliary).
SLIPS_BEFORE = {
    "en": {
        "were": (
            "where",
            {"did", "do", "does", "is", "are", "was", "were", "can", "could", "would"},
        )
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
    for index, token in enumerate(out[:-1]):
        word, following = SLIPS_BEFORE.get(language, {}).get(token, ("", set()))
        starts = index == 0 or out[index - 1] in ".?,¿"
        if word and starts and out[index + 1] in following:
            out[index] = word
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
