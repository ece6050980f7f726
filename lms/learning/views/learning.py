"""Enrolling, leaving, the content note, lesson completion and taking a break.

Every action is a CSRF-protected POST that calls one service and redirects.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from lms.learning.errors import CONTENT_NOTE_PENDING, EnrollmentError
from lms.learning.services.enrollment import (
    acknowledge_content_note,
    enroll_user,
    get_enrollment,
    leave_course,
    record_last_page,
    start_new_cycle,
)
from lms.learning.services.lessons import mark_lesson_complete
from lms.learning.services.next_step import next_step_after
from lms.learning.services.progress import get_course_progress
from lms.learning.views.common import (
    get_course_of,
    get_live_page_or_404,
    page_url,
    refused,
)


def _next_url(request, enrollment, course) -> str:
    following = get_course_progress(enrollment).next_item
    return page_url(request, following.page if following else course)


@login_required
@require_POST
def enroll(request, course_id: int):
    course = get_live_page_or_404(CoursePage, course_id)
    try:
        enroll_user(request.user, course)
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled. Welcome to the course."))
    return redirect(page_url(request, course))


@login_required
@require_POST
def renew(request, course_id: int):
    course = get_live_page_or_404(CoursePage, course_id)
    try:
        start_new_cycle(get_enrollment(request.user, course))
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new cycle has started. Your earlier completion stays in your record."),
        )
    return redirect(page_url(request, course))


@login_required
@require_POST
def leave(request, course_id: int):
    course = get_live_page_or_404(CoursePage, course_id)
    enrollment = get_enrollment(request.user, course)
    if enrollment is not None:
        leave_course(enrollment)
        messages.success(
            request,
            _("You have left the course. Your progress is kept if you come back."),
        )
    return redirect(page_url(request, course))


@login_required
@require_POST
def acknowledge_note(request, course_id: int):
    course = get_live_page_or_404(CoursePage, course_id)
    enrollment = get_enrollment(request.user, course)
    if enrollment is None:
        return redirect(page_url(request, course))
    acknowledge_content_note(enrollment)
    return redirect(_next_url(request, enrollment, course))


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_live_page_or_404(LessonPage, lesson_id)
    course = get_course_of(lesson)
    enrollment = get_enrollment(request.user, course)
    try:
        done = mark_lesson_complete(enrollment, lesson, course=course)
    except EnrollmentError as error:
        # The lesson page shows its content note; enrolling is on the course page.
        back = lesson if error.code == CONTENT_NOTE_PENDING else course
        return refused(request, error, page_url(request, back))
    if done.course_complete:
        messages.success(request, _("Congratulations: you have completed the course."))
        return redirect(page_url(request, course))
    messages.success(request, _("Lesson marked as complete."))
    following = next_step_after(get_course_progress(enrollment), lesson.pk)
    return redirect(page_url(request, following.page if following else course))


@login_required
@require_POST
def take_a_break(request, page_id: int):
    """Save the learner's place and leave the distressing material for a calm page."""
    page = get_live_page_or_404(Page, page_id)
    course = get_course_of(page)
    enrollment = get_enrollment(request.user, course)
    if enrollment is not None:
        record_last_page(enrollment, page.pk)
    return redirect(f"{reverse('lms_break')}?page={page.pk}")


@require_GET
def taking_a_break(request):
    """A calm page with a way back to where the learner was."""
    back = None
    raw = request.GET.get("page", "")
    if raw.isascii() and raw.isdigit() and len(raw) < 19:
        back = Page.objects.live().filter(pk=int(raw)).first()
    return render(
        request,
        "lms/break.html",
        {"back_url": back.get_url(request) if back else None},
    )
