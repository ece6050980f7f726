"""What the attempt and result pages show: questions in the attempt's order, and,
as the quiz's reveal policy allows, right and wrong per question.

Called by the attempt views. Correctness comes from ``courses.services`` (the
answer key), never from the choices themselves; the reveal policy is decided here
and nowhere else (docs/decisions/0001-quiz-attempts.md, "Revealing answers").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.models import Choice, Question, RevealPolicy
from courses.services import get_answer_key
from lms.learning.services.attempts import ANSWER_PREFIX
from lms.learning.services.quiz_status import QuizStatus, get_quiz_status
from lms.learning.services.study import StudyGroup, get_study_groups
from lms.models import QuizAttempt


@dataclass
class AttemptQuestion:
    """One question of an attempt as the learner is asked it."""

    number: int
    question: Question
    field: str  # the form field of its answer
    choices: list[Choice]
    # Choices kept from before a break (``drafts.save_answers``), ticked again.
    saved: frozenset[int] = frozenset()


@dataclass
class ChoiceFeedback:
    choice: Choice
    chosen: bool
    correct: bool


@dataclass
class QuestionFeedback:
    """One question of a graded attempt, with what was chosen and what was right."""

    number: int
    question: Question
    field: str
    is_right: bool
    choices: list[ChoiceFeedback]


@dataclass
class AttemptResult:
    """The result page: the learner's standing, and feedback when it is revealed."""

    attempt: QuizAttempt
    status: QuizStatus
    revealed: bool
    feedback: list[QuestionFeedback]
    # The lessons that teach the questions missed (``study.get_study_groups``).
    study: list[StudyGroup] = field(default_factory=list)


def _read_questions(attempt: QuizAttempt) -> dict[int, Question]:
    return {
        question.pk: question
        for question in Question.objects.filter(
            pk__in=attempt.question_ids
        ).prefetch_related("choices")
    }


def _in_attempt_order(
    attempt: QuizAttempt, questions: dict[int, Question]
) -> list[AttemptQuestion]:
    ordered = []
    for number, entry in enumerate(attempt.questions, start=1):
        question = questions.get(entry["id"])
        if question is None:  # removed from the quiz since the attempt started
            continue
        choices = {choice.pk: choice for choice in question.choices.all()}
        ordered.append(
            AttemptQuestion(
                number=number,
                question=question,
                field=f"{ANSWER_PREFIX}{question.pk}",
                choices=[choices[c] for c in entry["choices"] if c in choices],
            )
        )
    return ordered


def get_attempt_questions(attempt: QuizAttempt) -> list[AttemptQuestion]:
    """The attempt's questions and choices in their stored order, in the active
    language, without correctness, with any answers kept from a break (two
    queries)."""
    entries = _in_attempt_order(attempt, _read_questions(attempt))
    if not attempt.is_graded and attempt.answers:
        for entry in entries:
            kept = attempt.answers.get(str(entry.question.pk), [])
            entry.saved = frozenset(int(c) for c in kept)
    return entries


def is_answer_key_revealed(attempt: QuizAttempt, status: QuizStatus) -> bool:
    """Whether the result page may show right/wrong per question and the key."""
    if not attempt.is_graded:
        return False
    policy = attempt.quiz.reveal_policy
    if policy == RevealPolicy.AFTER_PASS:
        return status.passed
    if policy == RevealPolicy.AFTER_LAST_ATTEMPT:
        return status.attempts_left == 0
    return False


def get_attempt_feedback(
    attempt: QuizAttempt, questions: dict[int, Question] | None = None
) -> list[QuestionFeedback]:
    """Each question of a graded attempt: the choices shown, the learner's, the
    right ones. Shown only for a revealed key (``is_answer_key_revealed``); the
    study list reads which were missed from it, never the choices."""
    if questions is None:
        questions = _read_questions(attempt)
    key = get_answer_key(questions.values())
    answers = {int(q): set(c) for q, c in (attempt.answers or {}).items()}
    rows = []
    for entry in _in_attempt_order(attempt, questions):
        shown = {choice.pk for choice in entry.choices}
        known = key.get(entry.question.pk)
        # Right among the choices this attempt showed, as the learner saw them.
        correct = (known.correct_choice_ids if known else frozenset()) & shown
        chosen = answers.get(entry.question.pk, set())
        rows.append(
            QuestionFeedback(
                number=entry.number,
                question=entry.question,
                field=entry.field,
                is_right=bool(chosen) and chosen == correct,
                choices=[
                    ChoiceFeedback(c, chosen=c.pk in chosen, correct=c.pk in correct)
                    for c in entry.choices
                ],
            )
        )
    return rows


def get_attempt_result(attempt: QuizAttempt) -> AttemptResult:
    """What the result page of a graded attempt shows, the reveal policy applied."""
    status = get_quiz_status(attempt.enrollment, attempt.quiz)
    revealed = is_answer_key_revealed(attempt, status)
    rows = get_attempt_feedback(attempt)
    return AttemptResult(
        attempt=attempt,
        status=status,
        revealed=revealed,
        feedback=rows if revealed else [],
        study=get_study_groups(rows, attempt.quiz, revealed=revealed),
    )
