"""The learner's state on course pages: enrollment, progress, lesson and quiz actions.

courses' templates load this library, so courses never imports lms. Each tag reads
through ``lms.learning.services``; the state of a page is computed once per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, QuizPage
from courses.services import CourseOutline, OutlineItem, get_course_outline
from lms.learning.dashboard import CompletionLink, get_completion_links
from lms.learning.services.enrollment import (
    get_enrollment,
    get_enrollment_refusal,
    is_renewal_due,
    needs_content_note,
)
from lms.learning.services.next_step import next_step_after
from lms.learning.services.progress import CourseProgress, get_course_progress
from lms.learning.services.quiz_status import QuizStatus, get_quiz_status
from lms.models import Enrollment

register = template.Library()


@dataclass
class LearningState:
    """What the current learner has to do with the page being shown."""

    page: Page
    course: CoursePage | None
    user: object
    enrollment: Enrollment | None = None
    progress: CourseProgress | None = None
    refusal: str | None = None
    quiz_status: QuizStatus | None = None
    completion_links: list[CompletionLink] | None = None

    @property
    def is_enrolled(self) -> bool:
        return self.enrollment is not None

    @property
    def renewal_due(self) -> bool:
        return is_renewal_due(self.enrollment)

    @property
    def must_acknowledge(self) -> bool:
        return self.course is not None and needs_content_note(
            self.enrollment, self.course
        )

    @property
    def is_lesson_done(self) -> bool:
        return (
            self.progress is not None
            and self.page.pk in self.progress.completed_lesson_ids
        )

    @property
    def continue_page(self) -> Page | None:
        """The page the learner last worked on, or else the next one to do."""
        if self.progress is None:
            return None
        item = self.progress.continue_item(self.enrollment.last_page_id)
        return item.page if item else None

    @property
    def next_step(self) -> OutlineItem | None:
        """Where "Continue" leads from this page once it is done: the next item
        not done after it in course order (``None``: back to the course page)."""
        if self.progress is None:
            return None
        return next_step_after(self.progress, self.page.pk)

    @property
    def module_items(self) -> list[OutlineItem]:
        module = (
            self.progress.outline.module_for(self.page.pk) if self.progress else None
        )
        return module.items if module is not None else []

    @property
    def module_next_item(self) -> OutlineItem | None:
        """On a module page: its first lesson, practice or quiz not done yet."""
        return next(
            (i for i in self.module_items if not self.progress.is_done(i)), None
        )

    @property
    def module_started(self) -> bool:
        return any(self.progress.is_done(i) for i in self.module_items)

    @property
    def primary_link(self) -> CompletionLink | None:
        links = self.completion_links or []
        return next((link for link in links if link.primary and link.url), None)

    @property
    def other_links(self) -> list[CompletionLink]:
        primary = self.primary_link
        return [link for link in self.completion_links or [] if link is not primary]


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


@register.inclusion_tag("lms/tags/lesson_learning.html", takes_context=True)
def lesson_learning(context, page: LessonPage):
    """Everything on a lesson page that depends on the learner, in one template
    (progress, mark complete, the next step, the module outline with its ticks),
    so the lesson's body around it is the same for everyone."""
    data = _tag_context(context, page)
    progress = data["learning"].progress
    data.update(
        module=context.get("module"),
        previous_item=context.get("previous_item"),
        next_item=context.get("next_item"),
        completed_ids=progress.done_ids if progress is not None else set(),
    )
    return data


@register.inclusion_tag("lms/tags/quiz_actions.html", takes_context=True)
def quiz_actions(context, page: QuizPage):
    return _tag_context(context, page)


@register.inclusion_tag("lms/tags/take_a_break.html", takes_context=True)
def take_a_break(context, page):
    return _tag_context(context, page)
