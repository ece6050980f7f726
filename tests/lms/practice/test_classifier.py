"""The free-text classifier on the labelled corpus: held-out accuracy per language
(printed; run with ``-s`` to see it), explanations in the learner's language, folding.

The ``test`` lines of tests/lms/practice/corpus/ were not read while the rules were
written (docs/decisions/0015 records the rounds and both figures).
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


def corpus(language: str, split: str) -> list[tuple[str, str]]:
    rows = []
    for line in (CORPUS / f"{language}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, line_split, text = line.split("\t", 2)
        if line_split == split:
            rows.append((kind, text))
    return rows


def accuracy(language: str, split: str) -> tuple[float, list[tuple[str, str, str]]]:
    rows = corpus(language, split)
    wrong = [
        (kind, classify(text, language).kind, text)
        for kind, text in rows
        if classify(text, language).kind != kind
    ]
    return 100 * (1 - len(wrong) / len(rows)), wrong


@pytest.mark.parametrize("language", ["en", "es"])
def test_corpus_is_labelled_with_every_kind(language):
    rows = corpus(language, "dev") + corpus(language, "test")
    counts = Counter(kind for kind, _text in rows)
    assert set(counts) == set(MoveKind.values)
    assert min(counts.values()) >= 15
    assert len(rows) >= 250


@pytest.mark.parametrize("language", ["en", "es"])
def test_held_out_accuracy(language):
    score, wrong = accuracy(language, "test")
    total = len(corpus(language, "test"))
    print(
        f"\nclassifier held-out accuracy [{language}]: {score:.1f} % "
        f"({total - len(wrong)}/{total})"
    )
    assert score >= TARGET, "\n".join(
        f"want {want:16} got {got:16} {text}" for want, got, text in wrong
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_dev_accuracy(language):
    score, wrong = accuracy(language, "dev")
    print(f"\nclassifier dev accuracy [{language}]: {score:.1f} %")
    assert score >= 95, wrong


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
