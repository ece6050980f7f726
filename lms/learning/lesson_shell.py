"""The signed-in lesson page made from two cached pieces (docs/decisions/0011).

The page as a learner sees it, minus their part, is the same for every learner who
is (or is not) enrolled and may (or may not) see the Admin link: it is rendered once
per live revision, language and those two facts, and kept under the content
generation (``courses.cache.remember``). The learner's part
(``learning_tags.lesson_learning``: progress, done or "mark complete", the next
step, the outline's ticks) is rendered from the learner's progress kept in
``learner_cache`` (two cache reads), and itself kept per content generation and
*state* (the values it shows, never who the learner is), so learners at the same
point share it; both pieces come in one cache read. CSRF tokens are written as a
placeholder and filled per request. The page made is then kept whole for its
learner (``learner_pages.keep_for_learner``), whose next request for it is answered
before routing.

Called from the ``before_serve_page`` hook (``lms/wagtail_hooks.py``); a request
it does not take (previews, messages to show, private pages, a content note still
to read) gets Wagtail's normal rendering, which is the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from courses.cache import remember_many
from courses.models import CoursePage, LessonPage
from courses.outline import get_course_position
from courses.serving import any_view_restrictions
from lms.learning.learner_cache import can_access_admin, remember_for_learner
from lms.learning.learner_pages import (
    CSRF_PLACEHOLDER,
    is_keepable_request,
    keep_for_learner,
)
from lms.learning.learning_state import LearningState
from lms.learning.services.enrollment import get_enrollment, needs_content_note
from lms.learning.services.progress import get_course_progress, progress_from_ids
from lms.models import Enrollment

LEARNING_HOLE = "<!--puente:lesson-learning-->"
SHELL_FLAG = "_puente_lesson_shell"
LEARNING_TEMPLATE = "lms/tags/lesson_learning.html"


@dataclass
class LearnerCourse:
    """A learner's records in one course, as kept in the cache: ids only, and
    whether the layout shows them the Admin link."""

    enrollment: Enrollment | None
    lessons: set[int]
    quizzes: set[int]
    practices: set[int]
    admin: bool


def get_learner_course(user, course: CoursePage, outline) -> LearnerCourse:
    """The learner's enrollment and what they have done, from the cache (two
    reads) or the database (one query for the enrollment, two or three for the
    progress), kept until any of their records or permissions changes."""

    def build() -> LearnerCourse:
        admin = can_access_admin(user)
        enrollment = get_enrollment(user, course)
        if enrollment is None:
            return LearnerCourse(None, set(), set(), set(), admin)
        progress = get_course_progress(enrollment, outline)
        return LearnerCourse(
            enrollment,
            progress.completed_lesson_ids,
            progress.passed_quiz_ids,
            progress.met_practice_ids,
            admin,
        )

    return remember_for_learner(user.pk, f"course:{course.pk}", build)


def _takes(page, request: HttpRequest) -> bool:
    return (
        isinstance(page, LessonPage)
        and is_keepable_request(request)
        and not getattr(request, "is_preview", False)
        and not any_view_restrictions()
    )


def _learning_state(page, position, user, learner: LearnerCourse) -> LearningState:
    state = LearningState(page=page, course=position["course"], user=user)
    state.enrollment = learner.enrollment
    if learner.enrollment is not None:
        state.progress = progress_from_ids(
            position["outline"], learner.lessons, learner.quizzes, learner.practices
        )
    return state


def lesson_learning_context(page, request, state, position, csrf_token) -> dict:
    """What lms/tags/lesson_learning.html is given, here and by the template tag
    (``position``: the page's course position, or the page's template context)."""
    return {
        "learning": state,
        "request": request,
        "user": getattr(request, "user", None),
        "csrf_token": csrf_token,
        "page": page,
        "module": position.get("module"),
        "previous_item": position.get("previous_item"),
        "next_item": position.get("next_item"),
        "completed_ids": state.progress.done_ids if state.progress else set(),
    }


def _render_shell(page, request, state) -> str:
    request._lms_learning_state = {page.pk: state}
    setattr(request, SHELL_FLAG, True)
    try:
        context = page.get_context(request)
        context["csrf_token"] = CSRF_PLACEHOLDER
        return render_to_string(page.get_template(request), context, request)
    finally:
        delattr(request, SHELL_FLAG)


def _state_name(page, state, position) -> str:
    """Everything the learner's part shows, as a key (no learner id, no name)."""
    progress = state.progress
    if progress is None:
        return f"learning:{page.pk}:none"
    module = position.get("module")
    items = {i.pk for i in module.items} if module is not None else set()
    following = state.next_step
    done = ",".join(str(pk) for pk in sorted(progress.done_ids & items))
    return (
        f"learning:{page.pk}:{progress.done}/{progress.total}:"
        f"{following.pk if following else 0}:{int(state.is_lesson_done)}:{done}"
    )


def is_rendering_shell(context) -> bool:
    request = context.get("request")
    return request is not None and getattr(request, SHELL_FLAG, False)


def serve_lesson_from_shell(page, request: HttpRequest) -> HttpResponse | None:
    if not _takes(page, request):
        return None
    position = get_course_position(page)
    course = position.get("course")
    if course is None or position.get("outline") is None:
        return None
    learner = get_learner_course(request.user, course, position["outline"])
    if needs_content_note(learner.enrollment, course):
        return None  # the note instead of the lesson: rendered whole
    state = _learning_state(page, position, request.user, learner)
    revision = f"{page.live_revision_id}:{get_language()}"
    enrolled = learner.enrollment is not None
    names = {
        "shell": f"lesson-shell:{page.pk}:{revision}:{int(enrolled)}:"
        f"{int(learner.admin)}",
        "learning": f"{_state_name(page, state, position)}:{revision}",
    }

    def build(missing: list[str]) -> dict[str, str]:
        built = {}
        if "shell" in missing:
            built["shell"] = _render_shell(page, request, state)
        if "learning" in missing:
            context = lesson_learning_context(
                page, request, state, position, CSRF_PLACEHOLDER
            )
            built["learning"] = render_to_string(LEARNING_TEMPLATE, context)
        return built

    pieces = remember_many(names, build)
    html = pieces["shell"].replace(LEARNING_HOLE, pieces["learning"], 1)
    # Kept whole for this learner too: their next request for it skips routing.
    return keep_for_learner(request, html)


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail's ``before_serve_page`` hook: a response ends the serving there."""
    if serve_args or serve_kwargs:
        return None
    return serve_lesson_from_shell(page, request)
