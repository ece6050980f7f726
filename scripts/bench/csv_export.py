"""The CSV export measured by ``make bench``: lms.reports' audited export mixin on
Wagtail's ``ReportView`` (the code every Puente report exports with), listing
lesson-progress rows. Bench-only; imported by scripts/bench/measure.py.
"""

from __future__ import annotations

from wagtail.admin.views.reports import ReportView

from lms.models import LessonProgress
from lms.reports.export import AuditedExportMixin

PAGES = ("enrollment__course", "lesson")


class ProgressExportView(AuditedExportMixin, ReportView):
    report_name = "bench-lesson-progress"
    rows = 100_000
    list_export = [
        "enrollment.user.email",
        "enrollment.user.full_name",
        "enrollment.course.title",
        "lesson.title",
        "completed_at",
    ]

    def get_queryset(self):
        # Only the exported columns: a lesson row also holds its body in every
        # language, which would be read (and parsed) for nothing.
        return (
            LessonProgress.objects.select_related(
                "enrollment__user", "enrollment__course", "lesson"
            )
            .only(
                "completed_at",
                "enrollment__user__email",
                "enrollment__user__full_name",
                *[f"{page}__title_{code}" for page in PAGES for code in ("en", "es")],
                *[f"{page}__title" for page in PAGES],
            )
            .order_by("pk")[: self.rows]
        )


def progress_export_response(request, rows: int):
    """(response, description) for ``rows`` progress rows exported as CSV."""
    view = ProgressExportView.as_view(rows=rows)
    return view(request), "lms.reports.export.AuditedExportMixin + ReportView"
