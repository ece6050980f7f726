"""Puente's admin home, lms's part: the summary line at the top (courses, learners,
cohorts instead of Wagtail's pages, images and documents) and the panel of content
waiting for review, grouped by course. Each piece is shown only to the roles it
concerns. Registered from ``lms/wagtail_hooks.py`` through Wagtail's
``construct_homepage_summary_items`` and ``construct_homepage_panels``; other apps
add their own panels the same way (certificates: the approval queue).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.permissions import policy_registry

from courses.models import CourseIndexPage, CoursePage
from lms.accounts.roles import get_learners
from lms.models import Cohort, User

SUMMARY_TEMPLATE = "lms/admin/home_summary_item.html"
# Wagtail's own summary items, replaced by Puente's: a count of every page (modules,
# lessons and quizzes included) says nothing to a programme's staff.
STOCK_SUMMARY_ITEMS = {"PagesSummaryItem", "ImagesSummaryItem", "DocumentsSummaryItem"}


class CountSummaryItem(SummaryItem):
    """One figure of the summary line, e.g. "7 courses", linking to where they are
    kept. ``label(count)`` returns the whole phrase (an ``ngettext``)."""

    def __init__(
        self,
        request,
        *,
        count: Callable[[], int],
        label: Callable[[int], str],
        url: Callable[[], str],
        icon: str,
        order: int,
        shown: bool,
    ):
        super().__init__(request)
        self.template_name = SUMMARY_TEMPLATE
        self.order = order
        self._count, self._label, self._url = count, label, url
        self.icon = icon
        self.shown = shown

    def is_shown(self) -> bool:
        return self.shown

    def get_context_data(self, parent_context):
        count = self._count()
        return {"icon": self.icon, "url": self._url(), "label": self._label(count)}


def _catalogue_url() -> str:
    catalogue = CourseIndexPage.objects.order_by("path").first()
    if catalogue is None:
        return reverse("wagtailadmin_explore_root")
    return reverse("wagtailadmin_explore", args=[catalogue.pk])


def construct_summary_items(request, items: list) -> None:
    """Courses (for editors), learners (for whoever may correct their names) and
    cohorts (for program administrators), in place of Wagtail's stock figures."""
    items[:] = [
        item for item in items if type(item).__name__ not in STOCK_SUMMARY_ITEMS
    ]
    user = request.user
    items += [
        CountSummaryItem(
            request,
            count=lambda: CoursePage.objects.live().count(),
            label=lambda n: (
                ngettext("%(count)s live course", "%(count)s live courses", n)
                % {"count": n}
            ),
            url=_catalogue_url,
            icon="doc-full-inverse",
            order=100,
            shown=user_has_any_page_permission(user),
        ),
        CountSummaryItem(
            request,
            count=lambda: get_learners().count(),
            label=lambda n: (
                ngettext("%(count)s learner", "%(count)s learners", n) % {"count": n}
            ),
            url=lambda: reverse("wagtailusers_users:index"),
            icon="user",
            order=110,
            shown=policy_registry.get_by_type(User).user_has_permission(user, "change"),
        ),
        CountSummaryItem(
            request,
            count=lambda: Cohort.objects.count(),
            label=lambda n: (
                ngettext("%(count)s cohort", "%(count)s cohorts", n) % {"count": n}
            ),
            url=lambda: reverse("cohorts:index"),
            icon="group",
            order=120,
            shown=user.has_perm("lms.view_cohort"),
        ),
    ]


# Content waiting for review -------------------------------------------------------


@dataclass
class CourseReview:
    """The pages of one course (or of none) with a review task in progress."""

    title: str
    pages: list = field(default_factory=list)
    oldest: object = None  # when the longest-waiting task started


def group_by_course(states: list[TaskState]) -> list[CourseReview]:
    """Task states grouped by the course their page belongs to, courses with the
    longest wait first; two queries (pages, then their courses)."""
    page_ids = {int(state.workflow_state.object_id) for state in states}
    pages = Page.objects.filter(pk__in=page_ids).in_bulk()
    prefixes = {
        page.path[: length * Page.steplen]
        for page in pages.values()
        for length in range(1, page.depth + 1)
    }
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=prefixes)}
    groups: dict[object, CourseReview] = {}
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        course = next(
            (
                courses[page.path[: n * Page.steplen]]
                for n in range(page.depth, 0, -1)
                if page.path[: n * Page.steplen] in courses
            ),
            None,
        )
        key = course.pk if course else None
        group = groups.setdefault(
            key, CourseReview(title=str(course.title) if course else "")
        )
        group.pages.append(page)
        if group.oldest is None or state.started_at < group.oldest:
            group.oldest = state.started_at
    return sorted(groups.values(), key=lambda group: group.oldest)


class ReviewPanel(Component):
    """What waits for review: for a reviewer, the pages they can approve, by course;
    for an author, their own pages in review or sent back for changes."""

    name = "puente_review"
    template_name = "lms/admin/home_review_panel.html"
    order = 30

    def render_html(self, parent_context=None) -> str:
        if not user_has_any_page_permission(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        states = list(
            TaskState.objects.reviewable_by(user)
            .select_related("workflow_state")
            .order_by("started_at")
        )
        mine = WorkflowState.objects.active().filter(requested_by=user)
        return {
            "to_review": len(states),
            "courses": group_by_course(states),
            "in_review": mine.filter(status=WorkflowState.STATUS_IN_PROGRESS).count(),
            "needs_changes": mine.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES
            ).count(),
        }


def construct_panels(request, panels: list) -> None:
    panels.append(ReviewPanel())
