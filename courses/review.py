"""Course review: a course and its changed pages submitted, approved or sent back as
one unit, instead of page by page.

Goes through Wagtail's workflow API only (``Workflow.start``, ``WorkflowState.resume``,
``Task.get_actions`` / ``Task.on_action``) on the workflow each page already has (the
"Course review" workflow of migration 0003), so permissions, revisions, publishing,
notifications and audit entries are Wagtail's own, one per page. Each action checks
every page first and runs in one transaction: all pages move, or none. Called by
``courses.review_views``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState

from courses.models import CoursePage

CHANGED = "changed"  # unpublished changes, not submitted
IN_REVIEW = "in_review"
NEEDS_CHANGES = "needs_changes"  # sent back by a reviewer
UP_TO_DATE = "up_to_date"


class CourseReviewError(Exception):
    """The course cannot be submitted, approved or sent back; ``message`` (a lazy
    translation) says why, ``code`` names the reason (as lms.errors.PuenteError)."""

    def __init__(self, message: str | Promise, *, code: str):
        self.message = message
        self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class PageReview:
    page: Page
    status: str
    workflow_state: WorkflowState | None = None

    @property
    def task_state(self):
        state = self.workflow_state
        return state.current_task_state if state is not None else None


@dataclass
class CourseReview:
    course: CoursePage
    pages: list[PageReview] = field(default_factory=list)

    def with_status(self, *statuses: str) -> list[PageReview]:
        return [item for item in self.pages if item.status in statuses]

    @property
    def to_submit(self) -> list[PageReview]:
        return self.with_status(CHANGED, NEEDS_CHANGES)

    @property
    def in_review(self) -> list[PageReview]:
        return self.with_status(IN_REVIEW)

    @property
    def waiting_since(self):
        started = [i.task_state.started_at for i in self.in_review if i.task_state]
        return min(started) if started else None


def find_course(page: Page) -> CoursePage | None:
    """The course ``page`` is (or is inside of)."""
    return (
        CoursePage.objects.filter(
            path__in=[
                page.path[:n]
                for n in range(Page.steplen, len(page.path) + 1, Page.steplen)
            ]
        )
        .order_by("-depth")
        .first()
    )


def get_course_review(course: CoursePage) -> CourseReview:
    """Every page of the course in course order, with where it stands in review;
    three queries whatever the course's size."""
    pages = list(
        Page.objects.descendant_of(course, inclusive=True).order_by("path").specific()
    )
    states = {
        state.object_id: state
        for state in WorkflowState.objects.active()
        .filter(
            base_content_type_id=course.get_base_content_type().pk,
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state__task", "requested_by")
    }
    review = CourseReview(course=course)
    for page in pages:
        state = states.get(str(page.pk))
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            status = IN_REVIEW
        elif state is not None:
            status = NEEDS_CHANGES
        elif page.has_unpublished_changes:
            status = CHANGED
        else:
            status = UP_TO_DATE
        review.pages.append(PageReview(page=page, status=status, workflow_state=state))
    return review


def _title(item: PageReview) -> str:
    return item.page.get_admin_display_title()


def can_submit(item: PageReview, user) -> bool:
    permissions = item.page.permissions_for_user(user)
    if item.status == NEEDS_CHANGES:  # resubmitted as Wagtail's editor does
        return permissions.can_edit() and not permissions.page_locked()
    return item.status == CHANGED and permissions.can_submit_for_moderation()


def reviewer_actions(item: PageReview, user) -> set[str]:
    """What ``user`` may do with a page in review ("approve", "reject")."""
    task_state = item.task_state
    if item.status != IN_REVIEW or task_state is None:
        return set()
    task = task_state.task.specific
    return {name for name, _label, _modal in task.get_actions(item.page, user)}


def submit_course(course: CoursePage, user) -> list[Page]:
    """Submit every changed or sent-back page of the course for review."""
    review = get_course_review(course)
    items = review.to_submit
    if not items:
        raise CourseReviewError(
            _("Nothing in this course waits to be submitted."), code="nothing_to_submit"
        )
    refused = [item for item in items if not can_submit(item, user)]
    if refused:
        raise CourseReviewError(
            _("You cannot submit “%(title)s” for review; nothing was submitted.")
            % {"title": _title(refused[0])},
            code="cannot_submit",
        )
    with transaction.atomic():
        for item in items:
            if item.status == NEEDS_CHANGES:
                item.workflow_state.resume(user)
            else:
                item.page.get_workflow().start(item.page, user)
    return [item.page for item in items]


def _act(course: CoursePage, user, action: str, comment: str) -> list[Page]:
    review = get_course_review(course)
    items = review.in_review
    if not items:
        raise CourseReviewError(
            _("Nothing in this course is waiting for review."), code="nothing_in_review"
        )
    refused = [item for item in items if action not in reviewer_actions(item, user)]
    if refused:
        raise CourseReviewError(
            _("You cannot review “%(title)s”; nothing was changed.")
            % {"title": _title(refused[0])},
            code="cannot_review",
        )
    try:
        with transaction.atomic():
            for item in items:  # course order: a new module is published before
                task_state = item.task_state.specific  # the lessons inside it
                task_state.task.specific.on_action(
                    task_state, user, action, comment=comment
                )
    except ValidationError as error:
        raise CourseReviewError(
            _("The course could not be published; nothing was changed: %(error)s")
            % {"error": "; ".join(error.messages)},
            code="invalid",
        ) from error
    return [item.page for item in items]


def approve_course(course: CoursePage, user, comment: str = "") -> list[Page]:
    """Approve every page of the course in review: each is published."""
    return _act(course, user, "approve", comment)


def reject_course(course: CoursePage, user, comment: str) -> list[Page]:
    """Send every page of the course in review back to its authors for changes."""
    return _act(course, user, "reject", comment)
