"""The wording the free-text classifier looks for, per language, after folding
(``en`` and ``es``, built on ``common``; the harmful moves and the reassurance
masked before them in ``en_harmful`` and ``es_harmful``).

Regular expressions over text that ``lms.practice.folding.fold`` has lower-cased,
stripped of accents and expanded ("u" → "you", "x" → "por"). Written from the
``dev`` lines of tests/lms/practice/corpus/, mended after each held-out measurement
as general rules by the function of a move (docs/decisions/0009 gives every round's
figures). Each ``(code, patterns)`` entry is a rule ``lms.practice.explanations``
explains.
"""

from __future__ import annotations

from lms.practice.lexicon.en import EN
from lms.practice.lexicon.es import ES

LEXICON = {"en": EN, "es": ES}
