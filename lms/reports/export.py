"""Spreadsheet exports written to Wagtail's audit log.

Mixed into every report view (before Wagtail's ``ReportView``): each CSV or XLSX
download records who exported what, with which filters, before streaming.
"""

from __future__ import annotations

from wagtail.log_actions import log

EXPORT_ACTION = "lms.report_export"


def audit_target(view):
    """What an export is logged against: the view's object, else the default site."""
    target = getattr(view, "audit_object", None)
    if target is not None:
        return target
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


class AuditedExportMixin:
    report_name = ""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        target = audit_target(self)
        if target is not None:
            filters = self.request.GET.copy()
            filters.pop("export", None)
            log(
                target,
                EXPORT_ACTION,
                user=self.request.user,
                data={
                    "report": self.report_name,
                    "format": spreadsheet_format,
                    "filters": filters.urlencode(),
                },
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_filename(self):
        return self.report_name or super().get_filename()
