"""The "Learner progress" report: each learner of one course or cohort, with
progress, final score, completion and other apps' columns (``lms.reports.learners``).
Until a course or a cohort is chosen the page offers both choices itself, not only
in the filters' menu."""

from __future__ import annotations

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.reports import ReportView

from courses.models import CoursePage
from lms.models import Cohort, Enrollment
from lms.reports.export import AuditedExportMixin
from lms.reports.filters import LearnerFilterSet
from lms.reports.learners import get_learner_rows
from lms.reports.listing import CountLabelMixin
from lms.reports.permissions import VIEW_REPORTS, PermissionRequiredMixin
from lms.reports.sections import get_learner_columns


class ChooseCourseOrCohortForm(forms.Form):
    """The choice shown on the page while none is made: the same GET parameters
    as the filters (``course``, ``cohort``), with ids of its own."""

    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        required=False,
        empty_label=_("Choose a course"),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("name"),
        required=False,
        empty_label=_("Choose a cohort"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="choose-%s", **kwargs)


class LearnerProgressReportView(
    PermissionRequiredMixin, CountLabelMixin, AuditedExportMixin, ReportView
):
    """Each learner of one course or one cohort: progress, final score, completion
    and certificate. Nothing is listed until a course or a cohort is chosen."""

    permission = VIEW_REPORTS
    page_title = _("Learner progress")
    header_icon = "user"
    report_name = "learner-progress"
    results_template_name = "lms/admin/report_learners_results.html"
    filterset_class = LearnerFilterSet
    index_url_name = "puente_reports:learners"
    index_results_url_name = "puente_reports:learners_results"
    paginate_by = 50

    @cached_property
    def extra_columns(self):
        # Not ``columns``: that name is Wagtail's listing table.
        return get_learner_columns()

    @cached_property
    def list_export(self):
        return [
            "full_name",
            "email",
            "agency",
            "country",
            "course",
            "enrolled_at",
            "lessons_done",
            "lessons_total",
            "percent",
            "final_score",
            "completed_at",
            *[column.key for column in self.extra_columns],
        ]

    @cached_property
    def export_headings(self):
        return {
            "full_name": _("Full name"),
            "email": _("Email"),
            "agency": _("Agency"),
            "country": _("Country"),
            "course": _("Course"),
            "enrolled_at": _("Enrolled"),
            "lessons_done": _("Lessons done"),
            "lessons_total": _("Lessons in the course"),
            "percent": _("Progress (%)"),
            "final_score": _("Best final score (%)"),
            "completed_at": _("Completed"),
            **{column.key: column.heading for column in self.extra_columns},
        }

    def count_label(self, count: int) -> str:
        if self.has_selection and not self.filters.form.cleaned_data.get("cohort"):
            return ngettext(
                "%(count)s learner in this course",
                "%(count)s learners in this course",
                count,
            ) % {"count": count}
        return ngettext(
            "%(count)s enrollment (one row per learner and course)",
            "%(count)s enrollments (one row per learner and course)",
            count,
        ) % {"count": count}

    @property
    def has_selection(self) -> bool:
        if self.filters is None or not self.filters.is_valid():
            return False
        data = self.filters.form.cleaned_data
        return bool(data.get("course") or data.get("cohort"))

    def get_queryset(self):
        return Enrollment.objects.select_related("user", "course").order_by(
            "user__full_name", "course__title", "pk"
        )

    def get_filtered_queryset(self):
        if not self.has_selection:
            return Enrollment.objects.none()
        return self.filter_queryset(self.get_queryset())

    def decorate_paginated_queryset(self, object_list):
        return get_learner_rows(object_list, self.extra_columns)

    def to_row_dict(self, item):
        user, enrollment = item.user, item.enrollment
        row = {
            "full_name": user.full_name,
            "email": user.email,
            "agency": user.agency,
            "country": user.get_country_display(),
            "course": enrollment.course.title,
            "enrolled_at": enrollment.enrolled_at,
            "lessons_done": item.lessons_done,
            "lessons_total": item.lessons_total,
            "percent": item.percent,
            "final_score": item.best_score,
            "completed_at": enrollment.completed_at,
        }
        row.update(
            {column.key: item.extra.get(column.key) for column in self.extra_columns}
        )
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_selection"] = self.has_selection
        if not self.has_selection:
            context["choose_form"] = ChooseCourseOrCohortForm()
        context["extra_columns"] = self.extra_columns
        context["extra_headings"] = [column.heading for column in self.extra_columns]
        return context
