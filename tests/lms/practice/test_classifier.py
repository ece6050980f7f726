"""The free-text classifier on the labelled corpus: accuracy per language and split
(printed; run with ``-s`` to see it), explanations in the learner's language, folding.

Splits and files (tests/lms/practice/corpus/): ``dev`` and ``test`` in ``{lang}.tsv``,
``fresh``, ``fresh2`` and ``fresh3`` in ``{lang}.fresh*.tsv`` when they exist.
Each split is read from its own file only, so ``-k "not fresh3"`` reads no line of
the newest blind set. Only the newest blind split must reach the 90 % target: the
older ones have been read while tuning the rules (docs/decisions/0009).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation

from courses.practice import MoveKind
from lms.practice.classifier import classify, fold

CORPUS = Path(__file__).parent / "corpus"
TARGET = 90.0
# The newest blind split as first measured, before any rule was read against it
# (fresh3, 2026-12-03, round 5: en 142/173, es 141/179). The target is missed there;
# this floor keeps the figure from slipping while the miss is open
# (docs/decisions/0009).
BLIND_FLOOR = {"en": 82.0, "es": 78.7}
FILES = {
    "dev": "{language}.tsv",
    "test": "{language}.tsv",
    "fresh": "{language}.fresh.tsv",
    "fresh2": "{language}.fresh2.tsv",
    "fresh3": "{language}.fresh3.tsv",
}
BLIND = [
    "fresh3",
    "fresh2",
    "fresh",
]  # newest first: the first present is the blind one


def corpus_file(language: str, split: str) -> Path:
    return CORPUS / FILES[split].format(language=language)


def newest_blind_split(language: str) -> str:
    return next(split for split in BLIND if corpus_file(language, split).exists())


def corpus(language: str, split: str) -> list[tuple[str, str]]:
    rows = []
    path = corpus_file(language, split)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, line_split, text = line.split("\t", 2)
        assert kind in MoveKind.values, f"{path.name}: unknown kind {kind!r}"
        if line_split == split:
            rows.append((kind, text))
    return rows


def accuracy(language: str, split: str) -> tuple[float, list[tuple[str, str, str]]]:
    rows = corpus(language, split)
    results = [(kind, classify(text, language).kind, text) for kind, text in rows]
    wrong = [(want, got, text) for want, got, text in results if got != want]
    return 100 * (1 - len(wrong) / len(rows)), wrong


@pytest.mark.parametrize("language", ["en", "es"])
def test_corpus_is_labelled_with_every_kind(language):
    rows = corpus(language, "dev") + corpus(language, "test")
    counts = Counter(kind for kind, _text in rows)
    assert set(counts) == set(MoveKind.values)
    assert min(counts.values()) >= 15
    assert len(rows) >= 250


@pytest.mark.parametrize("split", ["dev", "test", "fresh", "fresh2", "fresh3"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_accuracy_per_split(language, split):
    """Printed for every split present; fails under the target only on the newest
    blind split, the one figure no rule was written from."""
    if not corpus_file(language, split).exists():
        pytest.skip(f"no {corpus_file(language, split).name}")
    rows = corpus(language, split)
    assert rows, f"no {split} line in {corpus_file(language, split).name}"
    score, wrong = accuracy(language, split)
    blind = split == newest_blind_split(language)
    print(
        f"\nclassifier accuracy [{language} {split}{' (blind)' if blind else ''}]: "
        f"{score:.1f} % ({len(rows) - len(wrong)}/{len(rows)})"
    )
    if blind:
        errors = "\n".join(
            f"want {want:16} got {got:16} {text}" for want, got, text in wrong
        )
        assert score >= BLIND_FLOOR[language], errors
        if score < TARGET:
            pytest.xfail(f"{score:.1f} % on the blind split, under the 90 % target")


@pytest.mark.parametrize("language", ["en", "es"])
def test_dev_accuracy(language):
    score, wrong = accuracy(language, "dev")
    print(f"\nclassifier dev accuracy [{language}]: {score:.1f} %")
    assert score >= 95, wrong


@pytest.mark.parametrize("split", ["dev", "test", "fresh", "fresh2"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_result_is_explained_in_both_languages(language, split):
    """Whatever rule decides, the learner reads why, in English or in Spanish."""
    for _kind, text in corpus(language, split):
        result = classify(text, language)
        with translation.override("en"):
            english = result.explanation
        with translation.override("es"):
            spanish = result.explanation
        assert english and spanish and english != spanish, (result.rule, text)


@pytest.mark.parametrize(
    ("language", "text", "kind", "words"),
    [
        ("en", "Did you go with him?", "option_posing", "Did"),
        ("en", "Why didn't you run?", "harmful", "Why"),
        ("en", "He hurt you, didn't he?", "suggestive", "didn't he"),
        ("es", "¿Por qué no te escapaste?", "harmful", "Por qué"),
        ("es", "Platícame qué pasó", "invitation", "Platícame"),
        ("es", "¿Te pegó?", "option_posing", "Te pegó"),
    ],
)
def test_explanation_names_the_words_in_the_learners_language(
    language, text, kind, words
):
    result = classify(text, language)
    assert (result.kind, result.cue) == (kind, words)
    with translation.override("en"):
        english = result.explanation
    with translation.override("es"):
        spanish = result.explanation
    assert words in english and words in spanish
    assert english != spanish


def test_yes_no_explanation_suggests_an_open_prompt():
    with translation.override("en"):
        assert classify("Did he take your phone?", "en").explanation == (
            "Starts with “Did”: a yes/no question. Try “tell me about…”."
        )


@pytest.mark.parametrize(
    ("text", "language", "folded"),
    [
        ("wher did u sleep", "en", "where did you sleep"),
        ("Tel me what happend!", "en", "tell me what happened ."),
        ("¿Qué pasó después?", "es", "¿ que paso despues ?"),
        ("gracias x platicar", "es", "gracias por platicar"),
        ("cuentme mas", "es", "cuentame mas"),
    ],
)
def test_folding_tolerates_cheap_typos(text, language, folded):
    assert fold(text, language) == folded


def test_the_same_text_always_gets_the_same_kind():
    results = {classify("Tell me everything that happened.", "en") for _ in range(5)}
    assert len(results) == 1
