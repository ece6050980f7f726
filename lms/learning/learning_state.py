"""What the current learner has to do with the page being shown (``LearningState``),
built by ``lms.templatetags.learning_tags`` for the course templates and by
``lms.learning.lesson_shell`` for a lesson served from the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from courses.models import CoursePage
from courses.services import OutlineItem
from lms.learning.dashboard import CompletionLink
from lms.learning.services.enrollment import is_renewal_due, needs_content_note
from lms.learning.services.next_step import next_step_after
from lms.learning.services.progress import CourseProgress
from lms.learning.services.quiz_status import QuizStatus
from lms.models import Enrollment


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
