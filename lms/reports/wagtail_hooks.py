"""Wagtail registrations of the reports room: admin URLs, menu, log action, roles."""

from dataclasses import dataclass

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.accounts.roles import PROGRAM_ADMINS, TRAINERS
from lms.hooks import ROLE_PERMISSIONS
from lms.reports.export import EXPORT_ACTION
from lms.reports.permissions import VIEW_QUESTION_STATISTICS, VIEW_REPORTS
from lms.reports.views import admin_urlpatterns


@dataclass(frozen=True)
class ReportMenuEntry:
    label: str
    url_name: str
    icon: str
    order: int
    permission: str


MENU = [
    ReportMenuEntry(
        _("Enrollments and completions"), "enrollments", "table", 10, VIEW_REPORTS
    ),
    ReportMenuEntry(
        _("Question statistics"),
        "questions",
        "help",
        11,
        VIEW_QUESTION_STATISTICS,
    ),
    ReportMenuEntry(_("Final scores"), "scores", "tasks", 12, VIEW_REPORTS),
    ReportMenuEntry(_("Learner progress"), "learners", "user", 13, VIEW_REPORTS),
    ReportMenuEntry(
        _("Interview practice"), "practice", "comment", 14, VIEW_QUESTION_STATISTICS
    ),
]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def _menu_item(entry: ReportMenuEntry) -> PermissionMenuItem:
    return PermissionMenuItem(
        entry.label,
        reverse(f"puente_reports:{entry.url_name}"),
        name=f"puente-{entry.url_name}",
        icon_name=entry.icon,
        order=entry.order,
        permission=entry.permission,
    )


for _entry in MENU:
    hooks.register("register_reports_menu_item", lambda e=_entry: _menu_item(e))


@hooks.register("register_admin_urls")
def register_report_admin_urls():
    return [
        path(
            "puente-reports/",
            include(
                (admin_urlpatterns(), "puente_reports"),
                namespace="puente_reports",
            ),
        )
    ]


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION, _("Export report"), _("Report exported (CSV or XLSX)")
    )


@hooks.register(ROLE_PERMISSIONS)
def report_role_permissions():
    """Reports for program administrators; question statistics for trainers too."""
    return {
        PROGRAM_ADMINS: [("lms", "view_reports"), ("lms", "view_question_statistics")],
        TRAINERS: [("lms", "view_question_statistics")],
    }
