"""Quiz attempts: start, answer, submit, see the result.

The attempt page shows the questions stored on the attempt, in their stored
order, in the current language, without correctness data. Grading is in
``lms.learning.services.attempts``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.models import Question, QuizPage
from lms.learning.services.attempts import (
    AnswerValidationError,
    AttemptError,
    get_attempt_for_user,
    get_attempt_id_for_user,
    get_quiz_status,
    is_answer_key_revealed,
    parse_answers,
    start_attempt,
    submit_attempt,
)
from lms.learning.services.enrollment import get_enrollment, needs_content_note
from lms.learning.views.common import (
    bad_request,
    get_course_of,
    get_live_page_or_404,
    page_url,
)


def _own_attempt(request, attempt_id: int):
    attempt = get_attempt_for_user(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _questions_in_order(attempt) -> list[dict]:
    """The attempt's questions and choices, as stored, in the active language."""
    by_id = {
        question.pk: question
        for question in Question.objects.filter(
            pk__in=attempt.question_ids
        ).prefetch_related("choices")
    }
    ordered = []
    for number, entry in enumerate(attempt.questions, start=1):
        question = by_id.get(entry["id"])
        if question is None:
            continue
        choices = {choice.pk: choice for choice in question.choices.all()}
        ordered.append(
            {
                "number": number,
                "question": question,
                "field": f"q-{question.pk}",
                "choices": [choices[c] for c in entry["choices"] if c in choices],
            }
        )
    return ordered


@login_required
@require_POST
def start_quiz_attempt(request, quiz_id: int):
    quiz = get_live_page_or_404(QuizPage, quiz_id)
    course = get_course_of(quiz)
    enrollment = get_enrollment(request.user, course)
    if enrollment is None:
        messages.error(request, _("Please enroll in the course first."))
        return redirect(page_url(request, course))
    if needs_content_note(enrollment, course):
        return redirect(page_url(request, course))
    try:
        attempt = start_attempt(enrollment, quiz)
    except AttemptError as error:
        messages.error(request, error.message)
        return redirect(page_url(request, quiz))
    return redirect("lms_attempt", attempt_id=attempt.pk)


@login_required
@require_GET
def attempt_detail(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_graded:
        return redirect("lms_attempt_result", attempt_id=attempt.pk)
    return render(
        request,
        "lms/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": _questions_in_order(attempt),
            "quiz_url": page_url(request, attempt.quiz),
        },
    )


@login_required
@require_POST
def submit_quiz(request, attempt_id: int):
    # Only the id here: submit_attempt reads the attempt locked, with what it needs.
    own_id = get_attempt_id_for_user(request.user, attempt_id)
    if own_id is None:
        raise Http404
    try:
        answers = parse_answers(request.POST)
        submit_attempt(own_id, answers)
    except AnswerValidationError as error:
        return bad_request(request, error.message)
    return redirect("lms_attempt_result", attempt_id=own_id)


def _feedback(attempt) -> list[dict]:
    answers = {int(q): set(c) for q, c in (attempt.answers or {}).items()}
    rows = []
    for entry in _questions_in_order(attempt):
        chosen = answers.get(entry["question"].pk, set())
        correct = {c.pk for c in entry["choices"] if c.is_correct}
        rows.append(
            {
                **entry,
                "is_right": bool(chosen) and chosen == correct,
                "choices": [
                    {"choice": c, "chosen": c.pk in chosen, "correct": c.pk in correct}
                    for c in entry["choices"]
                ],
            }
        )
    return rows


@login_required
@require_GET
def attempt_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_graded:
        return redirect(reverse("lms_attempt", args=[attempt.pk]))
    status = get_quiz_status(attempt.enrollment, attempt.quiz)
    revealed = is_answer_key_revealed(attempt, status)
    return render(
        request,
        "lms/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "status": status,
            "revealed": revealed,
            "feedback": _feedback(attempt) if revealed else [],
            "quiz_url": page_url(request, attempt.quiz),
        },
    )
