"""Report views in the Wagtail admin (Wagtail's ``ReportView``: filters, pagination,
CSV and XLSX export read in chunks, each export audited): enrollments and
completions, final scores, per-learner progress and question statistics. Thin:
figures come from ``queries``, ``timeline``, ``scores``, ``learners`` and
``questions``.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from courses.models import CoursePage, Question
from lms.models import Enrollment
from lms.reports.charts import bar_chart
from lms.reports.export import AuditedExportMixin
from lms.reports.filters import (
    EnrollmentFilterSet,
    GroupedEnrollmentFilterSet,
    LearnerFilterSet,
)
from lms.reports.learners import get_learner_rows
from lms.reports.queries import (
    completion_rate,
    completion_rates_by,
    country_label,
    group_enrollments,
)
from lms.reports.questions import get_question_statistics
from lms.reports.scores import (
    BINS,
    bin_label,
    combine,
    get_score_distribution,
    score_histogram,
)
from lms.reports.sections import get_learner_columns, get_report_sections
from lms.reports.timeline import completions_over_time_chart

VIEW_REPORTS = "lms.view_reports"
VIEW_QUESTION_STATISTICS = "lms.view_question_statistics"


class PermissionRequiredMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Enrollments and completions ------------------------------------------------------


class EnrollmentReportView(PermissionRequiredMixin, AuditedExportMixin, ReportView):
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
            ),
            bar_chart(
                str(_("Completion rate by agency (10 largest)")),
                [
                    (str(row["value"] or "—"), row["rate"] or 0, _rate_text(row))
                    for row in completion_rates_by(enrollments, "user__agency")
                ],
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["charts"] = self.get_charts()
        context["sections"] = get_report_sections(self.cleaned_filters)
        return context


def _rate_text(row) -> str:
    return _("%(rate)s %% (%(completions)s of %(enrollments)s)") % {
        "rate": row["rate"] if row["rate"] is not None else "—",
        "completions": row["completions"],
        "enrollments": row["enrollments"],
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


# Final scores ---------------------------------------------------------------------


class FinalScoreReportView(PermissionRequiredMixin, AuditedExportMixin, ReportView):
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


# Per-learner progress -------------------------------------------------------------


class LearnerProgressReportView(
    PermissionRequiredMixin, AuditedExportMixin, ReportView
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
        context["extra_columns"] = self.extra_columns
        return context


def admin_urlpatterns():
    """Each report has its page and, for the filters' live refresh, its
    results-only fragment under ``<name>/results/``.
    """
    reports = {
        "enrollments": EnrollmentReportView,
        "scores": FinalScoreReportView,
        "learners": LearnerProgressReportView,
        "questions": QuestionStatisticsView,
    }
    patterns = []
    for name, view in reports.items():
        patterns += [
            path(f"{name}/", view.as_view(), name=name),
            path(
                f"{name}/results/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            ),
        ]
    return patterns


def report_url(name: str) -> str:
    return reverse(f"puente_reports:{name}")
