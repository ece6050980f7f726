"""The "Interview practice" report: per practice, learners and rounds, the share of
each kind of move, the most common weak moves and the change from the first round
to the best; filtered by course or by cohort (then over the cohort's members only).
Figures from ``lms.reports.practice``; CSV and XLSX exports like the other reports.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from courses.models import CoursePage, InterviewPracticePage
from courses.practice import MoveKind
from lms.models import Cohort
from lms.reports.export import AuditedExportMixin
from lms.reports.permissions import VIEW_QUESTION_STATISTICS, PermissionRequiredMixin
from lms.reports.practice import get_practice_figures


class PracticeFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        method="in_course",
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("name"),
        method="in_cohort",
    )

    class Meta:
        model = InterviewPracticePage
        fields = ["course", "cohort"]

    def in_course(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(path__startswith=value.path, depth__gt=value.depth)

    def in_cohort(self, queryset, name, value):
        # The cohort's courses' practices; the figures count only its members.
        if value is None:
            return queryset
        courses = list(value.courses.all())
        if not courses:
            return queryset.none()
        within = Q()
        for course in courses:
            within |= Q(path__startswith=course.path)
        return queryset.filter(within)


class PracticeReportView(PermissionRequiredMixin, AuditedExportMixin, ReportView):
    permission = VIEW_QUESTION_STATISTICS
    page_title = _("Interview practice")
    header_icon = "comment"
    report_name = "interview-practice"
    results_template_name = "lms/admin/report_practice_results.html"
    filterset_class = PracticeFilterSet
    index_url_name = "puente_reports:practice"
    index_results_url_name = "puente_reports:practice_results"
    paginate_by = 50
    list_export = [
        "course",
        "practice",
        "learners",
        "rounds",
        "rounds_met",
        *[f"kind_{kind}" for kind in MoveKind.values],
        "weak_moves",
        "first_percent",
        "best_percent",
        "change",
    ]

    @property
    def export_headings(self):
        return {
            "course": _("Course"),
            "practice": _("Practice"),
            "learners": _("Learners"),
            "rounds": _("Rounds"),
            "rounds_met": _("Rounds that met the rule"),
            **{f"kind_{kind}": label for kind, label in MoveKind.choices},
            "weak_moves": _("Most common weak moves"),
            "first_percent": _("First round: recommended (%)"),
            "best_percent": _("Best round: recommended (%)"),
            "change": _("Change, first to best (points)"),
        }

    def get_queryset(self):
        return InterviewPracticePage.objects.order_by("path")

    @property
    def cohort(self):
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data.get("cohort")

    def decorate_paginated_queryset(self, object_list):
        return get_practice_figures(object_list, cohort=self.cohort)

    def to_row_dict(self, item):
        return {
            "course": item.course,
            "practice": item.practice.title,
            "learners": item.learners,
            "rounds": item.rounds,
            "rounds_met": item.rounds_met,
            **{f"kind_{kind}": item.kinds[kind] for kind in MoveKind.values},
            "weak_moves": "; ".join(f"{w.label} ({w.count})" for w in item.weak),
            "first_percent": item.first_percent,
            "best_percent": item.best_percent,
            "change": item.change,
        }
