"""Report views in the Wagtail admin, one module per report (Wagtail's
``ReportView``: filters, pagination, CSV and XLSX export read in chunks, each export
audited). Thin: figures come from ``lms.reports.queries``, ``timeline``, ``scores``,
``learners``, ``questions`` and ``practice``. This module lays out their URLs for
``lms.reports.wagtail_hooks``.
"""

from django.urls import path, reverse

from lms.reports.views.enrollments import EnrollmentReportView
from lms.reports.views.learners import LearnerProgressReportView
from lms.reports.views.practice import PracticeReportView
from lms.reports.views.questions import QuestionStatisticsView
from lms.reports.views.scores import FinalScoreReportView

__all__ = [
    "EnrollmentReportView",
    "FinalScoreReportView",
    "LearnerProgressReportView",
    "PracticeReportView",
    "QuestionStatisticsView",
    "admin_urlpatterns",
    "report_url",
]


def admin_urlpatterns():
    """Each report has its page and, for the filters' live refresh, its
    results-only fragment under ``<name>/results/``.
    """
    reports = {
        "enrollments": EnrollmentReportView,
        "scores": FinalScoreReportView,
        "learners": LearnerProgressReportView,
        "questions": QuestionStatisticsView,
        "practice": PracticeReportView,
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
