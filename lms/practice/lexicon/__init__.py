"""The wording the free-text classifier looks for, per language, after folding
(``en`` and ``es``, built on ``common``).

Regular expressions over text that ``lms.practice.classifier.fold`` has lower-cased,
stripped of accents and expanded ("u" → "you", "x" → "por"). Written from the
``dev`` lines of tests/lms/practice/corpus/, then mended twice after held-out
measurements (docs/decisions/0015 gives the three figures). Each ``(code,
patterns)`` entry is a rule whose code ``lms.practice.explanations`` explains.
"""

from __future__ import annotations

from lms.practice.lexicon.en import EN
from lms.practice.lexicon.es import ES

LEXICON = {"en": EN, "es": ES}
