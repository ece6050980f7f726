"""The "Question statistics" report: per quiz question, attempts, share correct,
the most chosen wrong answer and a flag (figures from ``lms.reports.questions``)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from courses.models import CoursePage, Question
from lms.reports.export import AuditedExportMixin
from lms.reports.listing import CountLabelMixin
from lms.reports.permissions import VIEW_QUESTION_STATISTICS, PermissionRequiredMixin
from lms.reports.questions import get_question_statistics


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


class QuestionStatisticsView(
    PermissionRequiredMixin, CountLabelMixin, AuditedExportMixin, ReportView
):
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

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s question", "%(count)s questions", count) % {
            "count": count
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
