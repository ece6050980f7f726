"""Quiz attempts: start, answer, submit, see the result.

Thin: each view calls one service of ``lms.learning.services`` (gates, limits,
grading and the reveal policy live there) and renders or redirects. The attempt
page shows the questions stored on the attempt, without correctness data.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from courses.models import QuizPage
from lms.learning.errors import (
    AnswerValidationError,
    AttemptError,
    EnrollmentError,
    UnansweredQuestions,
)
from lms.learning.services.attempts import (
    ANSWER_PREFIX,
    CONFIRM_FIELD,
    parse_answers,
    start_attempt,
    submit_learner_answers,
)
from lms.learning.services.drafts import save_answers
from lms.learning.services.enrollment import get_enrollment
from lms.learning.services.next_step import next_step_after
from lms.learning.services.progress import get_course_progress
from lms.learning.services.quiz_status import (
    get_attempt_for_user,
    get_attempt_id_for_user,
)
from lms.learning.services.review import get_attempt_questions, get_attempt_result
from lms.learning.views.common import (
    bad_request,
    get_course_of,
    get_live_page_or_404,
    page_url,
    refused,
)


def _own_attempt(request, attempt_id: int):
    attempt = get_attempt_for_user(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


@login_required
@require_POST
def start_quiz_attempt(request, quiz_id: int):
    quiz = get_live_page_or_404(QuizPage, quiz_id)
    course = get_course_of(quiz)
    enrollment = get_enrollment(request.user, course)
    try:
        attempt = start_attempt(enrollment, quiz, course=course)
    except EnrollmentError as error:  # enroll or read the note on the course page
        return refused(request, error, page_url(request, course))
    except AttemptError as error:
        return refused(request, error, page_url(request, quiz))
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
            "questions": get_attempt_questions(attempt),
            "quiz_url": page_url(request, attempt.quiz),
        },
    )


@login_required
@require_POST
def submit_quiz(request, attempt_id: int):
    # The service reads the learner's own attempt, locked to grade it: another
    # person's (or none) is a 404 before anything is read or written. A malformed
    # form is refused before any read, whoever's attempt it names.
    answers: dict[int, list[int]] = {}
    try:
        answers = parse_answers(request.POST)
        submitted = submit_learner_answers(
            request.user,
            attempt_id,
            answers,
            confirmed=request.POST.get(CONFIRM_FIELD) == "1",
        )
    except UnansweredQuestions as error:
        return _confirm_unanswered(request, attempt_id, answers, error)
    except AnswerValidationError as error:
        return bad_request(request, error.message)
    except AttemptError as error:  # nothing answered: back to the questions
        return refused(request, error, reverse("lms_attempt", args=[attempt_id]))
    if submitted is None:
        raise Http404
    return redirect("lms_attempt_result", attempt_id=attempt_id)


def _confirm_unanswered(request, attempt_id, answers, error):
    """Asks whether to submit with questions left unanswered (no script needed):
    the answers go again as hidden fields; going back keeps them on the attempt."""
    attempt = _own_attempt(request, attempt_id)
    questions = get_attempt_questions(attempt)
    missing = set(error.unanswered)
    return render(
        request,
        "lms/attempt_confirm.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "unanswered": [e for e in questions if e.question.pk in missing],
            "total": error.total,
            "answers": [
                (f"{ANSWER_PREFIX}{question}", choice)
                for question, choices in answers.items()
                for choice in choices
            ],
            "confirm_field": CONFIRM_FIELD,
            "quiz_url": page_url(request, attempt.quiz),
        },
    )


@login_required
@require_POST
def pause_attempt(request, attempt_id: int):
    """ "Take a break" from the attempt's own form: the answers so far are kept on
    the open attempt, then the calm page, with a way back to the quiz."""
    own_id = get_attempt_id_for_user(request.user, attempt_id)
    if own_id is None:
        raise Http404
    try:
        attempt = save_answers(own_id, parse_answers(request.POST))
    except AnswerValidationError as error:
        return bad_request(request, error.message)
    return redirect(f"{reverse('lms_break')}?page={attempt.quiz_id}")


@login_required
@require_GET
def attempt_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_graded:
        return redirect(reverse("lms_attempt", args=[attempt.pk]))
    result = get_attempt_result(attempt)
    enrollment = attempt.enrollment
    # Passed: the primary action leads on (the next item not done, or the course).
    following = None
    if result.status.passed and not enrollment.completed_at:
        following = next_step_after(get_course_progress(enrollment), attempt.quiz_id)
    return render(
        request,
        "lms/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "status": result.status,
            "revealed": result.revealed,
            "feedback": result.feedback,
            "study": result.study,
            "next_item": following,
            "course": enrollment.course,
            "course_complete": bool(enrollment.completed_at),
            "quiz_url": page_url(request, attempt.quiz),
        },
    )
