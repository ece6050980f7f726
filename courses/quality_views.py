"""Admin report "Content quality": per course and quiz, what makes an assessment
measure the learner rather than test-wiseness, and the hours estimate.

Thin views over ``courses.quality.check_course`` (the rules the demo-content tests
and ``check_demo_content`` apply); registered in ``courses.wagtail_hooks``.
"""

from __future__ import annotations

import re

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page
from wagtail.permissions import policy_registry

from courses.content_data import course_content_data
from courses.hours import QUESTION_MINUTES, READING_WPM, TOLERANCE
from courses.models import CoursePage
from courses.quality import (
    DUPLICATE_THRESHOLD,
    FINAL_MIN_COOLDOWN,
    FINAL_POOL_FACTOR,
    MAX_LONGEST_CORRECT_SHARE,
    MODULE_MIN_COOLDOWN,
    MODULE_POOL_FACTOR,
    OPTION_RATIO_TARGET,
    CourseReport,
    check_course,
)

OBJECTIVE_CODES = {"objective-unassessed", "objective-uncovered"}


def course_report(course: CoursePage) -> CourseReport:
    return check_course(course_content_data(course), strict=False)


class QualityPermissionMixin(PermissionCheckedMixin):
    """Whoever may edit pages (as for the Translation completeness report)."""

    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)


class ContentQualityIndexView(
    QualityPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    page_title = _("Content quality")
    header_icon = "tick-inverse"
    template_name = "courses/admin/content_quality_index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for course in CoursePage.objects.order_by("path"):
            report = course_report(course)
            rows.append(
                {
                    "course": course,
                    "url": reverse("courses_content_quality_course", args=[course.pk]),
                    "report": report,
                    "percent": _percent(report),
                }
            )
        context["rows"] = rows
        return context


class ContentQualityCourseView(
    QualityPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    header_icon = "tick-inverse"
    template_name = "courses/admin/content_quality_course.html"

    @cached_property
    def course(self) -> CoursePage:
        return get_object_or_404(CoursePage, pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Content quality")

    def get_page_subtitle(self):
        return self.course.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("courses_content_quality"),
                "label": _("Content quality"),
            },
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = course_report(self.course)
        context.update(
            estimate=report.hours,
            tolerance=round(TOLERANCE * 100),
            wpm=READING_WPM,
            findings=[
                (finding, readable_where(finding.where)) for finding in report.findings
            ],
            course=self.course,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.course.pk]),
            report=report,
            percent=_percent(report),
            objective_findings=[
                f for f in report.findings if f.code in OBJECTIVE_CODES
            ],
            rules={
                "module_factor": MODULE_POOL_FACTOR,
                "final_factor": FINAL_POOL_FACTOR,
                "module_cooldown": MODULE_MIN_COOLDOWN,
                "final_cooldown": FINAL_MIN_COOLDOWN,
                "longest_share": round(MAX_LONGEST_CORRECT_SHARE * 100),
                "ratio": OPTION_RATIO_TARGET,
                "duplicate": DUPLICATE_THRESHOLD,
                "tolerance": round(TOLERANCE * 100),
                "wpm_en": READING_WPM["en"],
                "wpm_es": READING_WPM["es"],
                "question_minutes": QUESTION_MINUTES,
            },
        )
        return context


PATH_LABELS = {
    "questions": _("question %(number)s"),
    "modules": _("module %(number)s"),
    "objectives": _("objective %(number)s"),
}
_PATH = re.compile(r"\s((?:questions|modules|objectives)\S*)(\s\(\w+\))?$")
_INDEXED = re.compile(r"(\w+)\[(\d+)\]")


def readable_where(where: str) -> str:
    """``Quiz questions[3].objectives`` → ``Quiz, question 4, objectives``."""
    found = _PATH.search(where)
    if found is None:
        return where
    parts = [where[: found.start()]]
    for part in found.group(1).split("."):
        indexed = _INDEXED.fullmatch(part)
        if indexed and indexed.group(1) in PATH_LABELS:
            label = PATH_LABELS[indexed.group(1)]
            part = label % {"number": int(indexed.group(2)) + 1}
        parts.append(part)
    return ", ".join(parts) + (found.group(2) or "")


def _percent(report: CourseReport) -> int | None:
    difference = report.hours.difference
    return None if difference is None else round(difference * 100)
