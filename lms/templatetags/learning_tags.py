"""The learner's state on course pages: enrollment, progress, lesson and quiz actions.

courses' templates load this library, so courses never imports lms. Each tag reads
through ``lms.learning.services``; the state of a page is computed once per request.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from courses.models import CoursePage, LessonPage, QuizPage
from courses.services import CourseOutline, get_course_outline
from lms.learning.dashboard import get_completion_links
from lms.learning.learning_state import LearningState
from lms.learning.lesson_shell import (
    LEARNING_HOLE,
    LEARNING_TEMPLATE,
    is_rendering_shell,
    lesson_learning_context,
)
from lms.learning.services.enrollment import (
    get_enrollment,
    get_enrollment_refusal,
)
from lms.learning.services.progress import get_course_progress
from lms.learning.services.quiz_status import get_quiz_status

register = template.Library()

__all__ = ["LearningState", "get_learning_state", "register"]


def _course_for(context, page) -> CoursePage | None:
    if isinstance(page, CoursePage):
        return page
    course = context.get("course")
    if isinstance(course, CoursePage):
        return course
    if course is not None:
        return CoursePage.objects.filter(pk=course.pk).first()
    return CoursePage.objects.ancestor_of(page).first()


def get_learning_state(context, page) -> LearningState:
    request = context.get("request")
    cache = getattr(request, "_lms_learning_state", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._lms_learning_state = cache
    if page.pk in cache:
        return cache[page.pk]
    user = getattr(request, "user", None)
    course = _course_for(context, page)
    state = LearningState(page=page, course=course, user=user)
    if course is not None and user is not None and user.is_authenticated:
        state.enrollment = get_enrollment(user, course)
        if state.enrollment is None:
            state.refusal = get_enrollment_refusal(user, course)
        else:
            outline = context.get("outline")
            if not isinstance(outline, CourseOutline):
                outline = get_course_outline(course)
            state.progress = get_course_progress(state.enrollment, outline)
            if isinstance(page, QuizPage):
                state.quiz_status = get_quiz_status(state.enrollment, page)
    cache[page.pk] = state
    return state


@register.simple_tag(takes_context=True)
def learning_state(context, page):
    """``{% learning_state page as learning %}``: the learner's state for a page."""
    return get_learning_state(context, page)


@register.simple_tag(takes_context=True)
def completed_item_ids(context, page) -> set[int]:
    """``{% completed_item_ids page as completed_ids %}`` for the outline's badges."""
    progress = get_learning_state(context, page).progress
    return progress.done_ids if progress is not None else set()


def _tag_context(context, page) -> dict:
    return {
        "learning": get_learning_state(context, page),
        "request": context.get("request"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
        "page": page,
    }


@register.inclusion_tag("lms/tags/enrollment_panel.html", takes_context=True)
def enrollment_panel(context, page):
    """Enroll, or progress, content note, "continue" and leave, on the course page;
    on a completed course, what it offers (the certificate, the transcript)."""
    state = get_learning_state(context, page)
    enrollment = state.enrollment
    if (
        enrollment is not None
        and enrollment.completed_at
        and (state.completion_links is None)
    ):
        links = get_completion_links(context.get("request"), [enrollment])
        state.completion_links = links.get(enrollment.pk, [])
    return _tag_context(context, page)


@register.inclusion_tag("lms/tags/progress_bar.html", takes_context=True)
def course_progress_bar(context, page):
    return _tag_context(context, page)


@register.inclusion_tag("lms/tags/content_note_gate.html", takes_context=True)
def content_note_gate(context, page):
    """The content note and its acknowledge button, shown instead of a lesson."""
    return _tag_context(context, page)


@register.simple_tag(takes_context=True)
def lesson_learning(context, page: LessonPage):
    """Everything on a lesson page that depends on the learner, in one template
    (lms/tags/lesson_learning.html: progress, mark complete, the next step, the
    module outline with its ticks), so the lesson's body around it is the same for
    everyone: while the cached page is made (``lms.learning.lesson_shell``), only
    the place it goes."""
    if is_rendering_shell(context):
        return mark_safe(LEARNING_HOLE)  # noqa: S308  (a fixed HTML comment)
    data = lesson_learning_context(
        page,
        context.get("request"),
        get_learning_state(context, page),
        context,
        context.get("csrf_token"),
    )
    return render_to_string(LEARNING_TEMPLATE, data)


@register.inclusion_tag("lms/tags/quiz_actions.html", takes_context=True)
def quiz_actions(context, page: QuizPage):
    return _tag_context(context, page)


@register.inclusion_tag("lms/tags/take_a_break.html", takes_context=True)
def take_a_break(context, page):
    return _tag_context(context, page)
