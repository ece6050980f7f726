"""Question words and auxiliaries both languages' wordings are built from."""

from __future__ import annotations

WH_EN = r"(?:who|whom|whose|what|what's|where|where's|when|which|how|how's)"
AUX_EN = (
    r"(?:did|do|does|is|are|was|were|has|have|had|can|could|will|would|should|"
    r"may|might|am|didn't|don't|doesn't|isn't|aren't|wasn't|weren't|hasn't|"
    r"haven't|can't|won't|wouldn't|couldn't|shouldn't)"
)
WH_ES = (
    r"(?:que|quien|quienes|donde|adonde|cuando|cual|cuales|como|cuanto|cuanta|"
    r"cuantos|cuantas)"
)
