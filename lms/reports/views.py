"""Report views in the Wagtail admin (Wagtail's ``ReportView``: filters, pagination,
streamed CSV and XLSX export, each export audited): enrollments and completions, and
question statistics. Thin: figures come from ``queries`` and ``questions``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from courses.models import CoursePage, Question

from ..models import Cohort, Country, Enrollment
from .charts import bar_chart
from .export import AuditedExportMixin
from .queries import (
    GROUP_CHOICES,
    completion_rate,
    completions_by,
    country_label,
    group_enrollments,
)
from .questions import get_question_statistics
from .sections import get_report_sections

VIEW_REPORTS = "lms.view_reports"
VIEW_QUESTION_STATISTICS = "lms.view_question_statistics"


class PermissionRequiredMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Enrollments and completions ------------------------------------------------------


class EnrollmentFilterSet(WagtailFilterSet):
    group = django_filters.ChoiceFilter(
        label=_("Group by"),
        choices=GROUP_CHOICES,
        method="keep",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    enrolled_at = django_filters.DateFromToRangeFilter(
        label=_("Enrolled between"), widget=DateRangePickerWidget
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=CoursePage.objects.order_by("title")
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("name"),
        field_name="user__cohort_memberships__cohort",
    )
    agency = django_filters.CharFilter(
        label=_("Agency"), field_name="user__agency", lookup_expr="icontains"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="user__country",
        choices=Country.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = Enrollment
        fields = ["group", "enrolled_at", "course", "cohort", "agency", "country"]

    def keep(self, queryset, name, value):
        return queryset


class EnrollmentReportView(PermissionRequiredMixin, AuditedExportMixin, ReportView):
    permission = VIEW_REPORTS
    page_title = _("Enrollments and completions")
    header_icon = "table"
    report_name = "enrollments-and-completions"
    results_template_name = "lms/admin/report_enrollments_results.html"
    filterset_class = EnrollmentFilterSet
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
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("group") or "course"
        return "course"

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
        by_country = completions_by(enrollments, "user__country")
        by_agency = completions_by(enrollments, "user__agency")
        return [
            bar_chart(
                str(_("Completions by country")),
                [
                    (
                        country_label(row["value"]),
                        row["completions"],
                        _rate_text(row),
                    )
                    for row in by_country
                ],
            ),
            bar_chart(
                str(_("Completions by agency (top 10)")),
                [
                    (str(row["value"] or "—"), row["completions"], _rate_text(row))
                    for row in by_agency
                ],
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["charts"] = self.get_charts()
            valid = self.filters is not None and self.filters.is_valid()
            context["sections"] = get_report_sections(
                dict(self.filters.form.cleaned_data) if valid else {}
            )
        return context


def _rate_text(row) -> str:
    rate = completion_rate(row["enrollments"], row["completions"])
    return _("%(completions)s (%(rate)s %%)") % {
        "completions": row["completions"],
        "rate": rate if rate is not None else "—",
    }


# Question statistics --------------------------------------------------------------


class QuestionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        method="in_course",
    )

    class Meta:
        model = Question
        fields = ["course"]

    def in_course(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            quiz__path__startswith=value.path, quiz__depth__gt=value.depth
        )


class QuestionStatisticsView(PermissionRequiredMixin, AuditedExportMixin, ReportView):
    permission = VIEW_QUESTION_STATISTICS
    page_title = _("Question statistics")
    header_icon = "help"
    report_name = "question-statistics"
    results_template_name = "lms/admin/report_questions_results.html"
    filterset_class = QuestionFilterSet
    index_url_name = "puente_reports:questions"
    index_results_url_name = "puente_reports:questions_results"
    paginate_by = 50
    list_export = [
        "course",
        "quiz",
        "question",
        "attempts",
        "percent_correct",
        "most_chosen_wrong",
        "flag",
    ]
    export_headings = {
        "course": _("Course"),
        "quiz": _("Quiz"),
        "question": _("Question"),
        "attempts": _("Attempts"),
        "percent_correct": _("Correct (%)"),
        "most_chosen_wrong": _("Most chosen wrong answer"),
        "flag": _("Flag"),
    }

    def get_queryset(self):
        return Question.objects.select_related("quiz").order_by(
            "quiz__path", "sort_order", "pk"
        )

    def decorate_paginated_queryset(self, object_list):
        stats = get_question_statistics(object_list)
        # Course titles: the quiz's grandparent (course → module → quiz), one query.
        paths = {entry.question.quiz.path[: -2 * Page.steplen] for entry in stats}
        courses = {
            page.path: page for page in CoursePage.objects.filter(path__in=paths)
        }
        for entry in stats:
            course = courses.get(entry.question.quiz.path[: -2 * Page.steplen])
            entry.course = course.title if course else ""
        return stats

    def to_row_dict(self, item):
        wrong = item.most_chosen_wrong
        return {
            "course": item.course,
            "quiz": item.question.quiz.title,
            "question": item.question.text,
            "attempts": item.attempts,
            "percent_correct": item.percent_correct,
            "most_chosen_wrong": (
                f"{wrong.text} ({item.most_chosen_wrong_count})" if wrong else ""
            ),
            "flag": item.flag,
        }


def admin_urlpatterns():
    return [
        path("enrollments/", EnrollmentReportView.as_view(), name="enrollments"),
        path(
            "enrollments/results/",
            EnrollmentReportView.as_view(results_only=True),
            name="enrollments_results",
        ),
        path("questions/", QuestionStatisticsView.as_view(), name="questions"),
        path(
            "questions/results/",
            QuestionStatisticsView.as_view(results_only=True),
            name="questions_results",
        ),
    ]


def report_url(name: str) -> str:
    return reverse(f"puente_reports:{name}")
