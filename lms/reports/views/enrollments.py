"""The "Enrollments and completions" report: enrollments, completions, rates and
average scores grouped by course, agency, country, ..., with three charts; the
grouping is offered on the page as well as in the filters."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.reports import ReportView

from lms.models import Enrollment
from lms.reports.charts import bar_chart
from lms.reports.export import AuditedExportMixin
from lms.reports.filters import GroupedEnrollmentFilterSet
from lms.reports.listing import CountLabelMixin
from lms.reports.permissions import VIEW_REPORTS, PermissionRequiredMixin
from lms.reports.queries import (
    GROUP_CHOICES,
    completion_rate,
    completion_rates_by,
    country_label,
    group_enrollments,
)
from lms.reports.sections import get_report_sections
from lms.reports.timeline import completions_over_time_chart

COUNT_LABELS = {
    "course": lambda n: ngettext("%(count)s course", "%(count)s courses", n),
    "cohort": lambda n: ngettext("%(count)s cohort", "%(count)s cohorts", n),
    "agency": lambda n: ngettext("%(count)s agency", "%(count)s agencies", n),
    "country": lambda n: ngettext("%(count)s country", "%(count)s countries", n),
}


class EnrollmentReportView(
    PermissionRequiredMixin, CountLabelMixin, AuditedExportMixin, ReportView
):
    permission = VIEW_REPORTS
    page_title = _("Enrollments and completions")
    header_icon = "table"
    report_name = "enrollments-and-completions"
    results_template_name = "lms/admin/report_enrollments_results.html"
    filterset_class = GroupedEnrollmentFilterSet
    index_url_name = "puente_reports:enrollments"
    index_results_url_name = "puente_reports:enrollments_results"
    paginate_by = 50
    list_export = [
        "label",
        "enrollments",
        "completions",
        "completion_rate",
        "average_score",
    ]
    export_headings = {
        "label": _("Group"),
        "enrollments": _("Enrollments"),
        "completions": _("Completions"),
        "completion_rate": _("Completion rate (%)"),
        "average_score": _("Average quiz score (%)"),
    }

    @property
    def group(self) -> str:
        return self.cleaned_filters.get("group") or "course"

    def count_label(self, count: int) -> str:
        return COUNT_LABELS.get(self.group, COUNT_LABELS["course"])(count) % {
            "count": count
        }

    @property
    def group_heading(self) -> str:
        return str(dict(GROUP_CHOICES).get(self.group, _("Group")))

    @property
    def cleaned_filters(self) -> dict:
        if self.filters is not None and self.filters.is_valid():
            return dict(self.filters.form.cleaned_data)
        return {}

    def get_queryset(self):
        return Enrollment.objects.all()

    def get_filtered_queryset(self):
        return group_enrollments(self.filter_queryset(self.get_queryset()), self.group)

    def _label(self, row) -> str:
        if self.group == "country":
            return country_label(row["key_value"])
        return str(row["label_value"] or "—")

    def decorate_paginated_queryset(self, object_list):
        rows = []
        for row in object_list:
            rows.append(
                {
                    "label": self._label(row),
                    "enrollments": row["enrollments"],
                    "completions": row["completions"],
                    "completion_rate": completion_rate(
                        row["enrollments"], row["completions"]
                    ),
                    "average_score": (
                        round(row["average_score"])
                        if row["average_score"] is not None
                        else None
                    ),
                }
            )
        return rows

    def to_row_dict(self, item):
        return {field: item[field] for field in self.list_export}

    def get_charts(self):
        enrollments = self.filter_queryset(self.get_queryset())
        period = self.cleaned_filters.get("enrolled_at")
        return [
            completions_over_time_chart(enrollments, period),
            bar_chart(
                str(_("Completion rate by country")),
                [
                    (country_label(row["value"]), row["rate"] or 0, _rate_text(row))
                    for row in completion_rates_by(enrollments, "user__country")
                ],
                description=str(_RATE_DESCRIPTION),
                key="rate-by-country",
                heading=str(_("Country")),
            ),
            bar_chart(
                str(_("Completion rate by agency (10 largest)")),
                [
                    (str(row["value"] or "—"), row["rate"] or 0, _rate_text(row))
                    for row in completion_rates_by(enrollments, "user__agency")
                ],
                description=str(_AGENCY_DESCRIPTION),
                key="rate-by-agency",
                heading=str(_("Agency")),
            ),
        ]

    def get_group_choices(self) -> list[dict]:
        """The groupings as links on the page, each keeping the other filters."""
        query = self.request.GET.copy()
        query.pop("p", None)
        choices = []
        for value, label in GROUP_CHOICES:
            query["group"] = value
            choices.append(
                {
                    "label": label,
                    "query": query.urlencode(),
                    "current": value == self.group,
                }
            )
        return choices

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["charts"] = self.get_charts()
        context["sections"] = get_report_sections(self.cleaned_filters)
        context["group_heading"] = self.group_heading
        context["group_choices"] = self.get_group_choices()
        return context


_RATE_DESCRIPTION = _(
    "Share of the enrollments that are completed, for each country, with the "
    "number of completions and enrollments."
)
_AGENCY_DESCRIPTION = _(
    "Share of the enrollments that are completed, for the ten agencies with the "
    "most enrollments, with the number of completions and enrollments."
)


def _rate_text(row) -> str:
    return _("%(rate)s %% (%(completions)s of %(enrollments)s)") % {
        "rate": row["rate"] if row["rate"] is not None else "—",
        "completions": row["completions"],
        "enrollments": row["enrollments"],
    }
