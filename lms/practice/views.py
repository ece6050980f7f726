"""The learner's practice views: start a round, see it, make a move, read the debrief.

Thin: each view calls one service of ``lms.practice.services`` and renders or
redirects. Every move is a plain form POST answered by a redirect (no JavaScript
needed); a refused move is said in the learner's language, never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from courses.models import InterviewPracticePage
from lms.learning.errors import CONTENT_NOTE_PENDING, EnrollmentError
from lms.learning.services.enrollment import get_enrollment
from lms.learning.views.common import (
    get_course_of,
    get_live_page_or_404,
    page_url,
    refused,
)
from lms.practice.errors import MoveInputError, PracticeError
from lms.practice.services.debrief import (
    get_debrief,
    get_round_for_user,
    get_round_state,
)
from lms.practice.services.rounds import ask_free_text, choose_option, start_round


def _own_round(request, round_id: int):
    practice_round = get_round_for_user(request.user, round_id)
    if practice_round is None:
        raise Http404
    return practice_round


def _refused_study(request, error: EnrollmentError, practice_round_or_page):
    practice = getattr(practice_round_or_page, "practice", practice_round_or_page)
    back = practice if error.code == CONTENT_NOTE_PENDING else get_course_of(practice)
    return refused(request, error, page_url(request, back))


@login_required
@require_POST
def start_practice_round(request, practice_id: int):
    practice = get_live_page_or_404(InterviewPracticePage, practice_id)
    course = get_course_of(practice)
    enrollment = get_enrollment(request.user, course)
    try:
        practice_round = start_round(enrollment, practice, course=course)
    except EnrollmentError as error:
        return _refused_study(request, error, practice)
    except PracticeError as error:
        return refused(request, error, page_url(request, practice))
    return redirect("lms_practice_round", round_id=practice_round.pk)


def _render_round(request, practice_round, *, error=None, status=200):
    return render(
        request,
        "lms/practice/round.html",
        {
            "round": practice_round,
            "practice": practice_round.practice,
            "state": get_round_state(practice_round),
            "practice_url": page_url(request, practice_round.practice),
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def practice_round(request, round_id: int):
    own = _own_round(request, round_id)
    if own.is_finished:
        return redirect("lms_practice_debrief", round_id=own.pk)
    return _render_round(request, own)


def _option_id(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise MoveInputError()
    return int(value)


@login_required
@require_POST
def practice_move(request, round_id: int):
    own = _own_round(request, round_id)
    node_key = request.POST.get("node", "")
    try:
        if "option" in request.POST:
            choose_option(
                own, node_key=node_key, option_id=_option_id(request.POST["option"])
            )
        else:
            ask_free_text(
                own,
                node_key=node_key,
                text=request.POST.get("question", ""),
                language=request.LANGUAGE_CODE,
            )
    except EnrollmentError as error:
        return _refused_study(request, error, own)
    except MoveInputError as error:
        own.refresh_from_db()
        return _render_round(request, own, error=error.message, status=400)
    except PracticeError as error:  # a move already made (a second submit): go on
        messages.info(request, error.message)
    return redirect("lms_practice_round", round_id=own.pk)


@login_required
@require_GET
def practice_debrief(request, round_id: int):
    own = _own_round(request, round_id)
    if not own.is_finished:
        return redirect("lms_practice_round", round_id=own.pk)
    return render(
        request,
        "lms/practice/debrief.html",
        {
            "round": own,
            "practice": own.practice,
            "debrief": get_debrief(own),
            "practice_url": page_url(request, own.practice),
        },
    )
