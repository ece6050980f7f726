"""The "Final scores" report: per course, the final assessment's average and
distribution for completed enrollments (figures from ``lms.reports.scores``)."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.reports import ReportView

from lms.models import Enrollment
from lms.reports.export import AuditedExportMixin
from lms.reports.filters import EnrollmentFilterSet
from lms.reports.listing import CountLabelMixin
from lms.reports.permissions import VIEW_REPORTS, PermissionRequiredMixin
from lms.reports.scores import (
    BINS,
    bin_label,
    combine,
    get_score_distribution,
    score_histogram,
)


class FinalScoreReportView(
    PermissionRequiredMixin, CountLabelMixin, AuditedExportMixin, ReportView
):
    """Average and distribution of final-assessment scores per course, for the
    completed enrollments the filters select (see ``scores``)."""

    permission = VIEW_REPORTS
    page_title = _("Final scores")
    header_icon = "tasks"
    report_name = "final-scores"
    results_template_name = "lms/admin/report_scores_results.html"
    filterset_class = EnrollmentFilterSet
    index_url_name = "puente_reports:scores"
    index_results_url_name = "puente_reports:scores_results"
    paginate_by = 50

    @cached_property
    def list_export(self):
        return [
            "course",
            "scored",
            "average",
            "lowest",
            "highest",
            *[f"bin_{index}" for index in range(BINS)],
        ]

    @cached_property
    def export_headings(self):
        headings = {
            "course": _("Course"),
            "scored": _("Completions with a final score"),
            "average": _("Average final score (%)"),
            "lowest": _("Lowest (%)"),
            "highest": _("Highest (%)"),
        }
        for index in range(BINS):
            headings[f"bin_{index}"] = bin_label(index)
        return headings

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s course", "%(count)s courses", count) % {
            "count": count
        }

    def get_queryset(self):
        return Enrollment.objects.all()

    def get_filtered_queryset(self):
        # One row per course: a short list, computed in three queries.
        enrollments = self.filter_queryset(self.get_queryset())
        return list(get_score_distribution(enrollments).values())

    def to_row_dict(self, item):
        row = {
            "course": item.course.title,
            "scored": item.scored,
            "average": item.average,
            "lowest": round(item.lowest) if item.lowest is not None else None,
            "highest": round(item.highest) if item.highest is not None else None,
        }
        for index, count in enumerate(item.bins):
            row[f"bin_{index}"] = count
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = score_histogram(combine(self.object_list))
        return context
