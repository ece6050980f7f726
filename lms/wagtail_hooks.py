"""Wagtail hooks of lms: registrations only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .auth_audit import register_actions
from .cohorts import views as cohort_views
from .cohorts.csv_import import IMPORT_ACTION, REJECTED_ACTION
from .reports import views as report_views
from .reports.export import EXPORT_ACTION
from .roles import PROGRAM_ADMINS, TRAINERS

hooks.register("register_log_actions", register_actions)


@hooks.register("register_log_actions")
def register_program_log_actions(actions):
    actions.register_action(
        IMPORT_ACTION, _("Import cohort CSV"), _("Learners imported from a CSV file")
    )
    actions.register_action(
        REJECTED_ACTION,
        _("Reject cohort CSV"),
        _("CSV file refused: nothing imported"),
    )
    actions.register_action(
        EXPORT_ACTION, _("Export report"), _("Report exported (CSV or XLSX)")
    )


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return cohort_views.CohortViewSet()


@hooks.register("register_admin_urls")
def register_program_admin_urls():
    return [
        path(
            "cohort-actions/",
            include(
                (cohort_views.admin_urlpatterns(), "cohorts_admin"),
                namespace="cohorts_admin",
            ),
        ),
        path(
            "puente-reports/",
            include(
                (report_views.admin_urlpatterns(), "puente_reports"),
                namespace="puente_reports",
            ),
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_enrollment_report_menu_item():
    return PermissionMenuItem(
        _("Enrollments and completions"),
        reverse("puente_reports:enrollments"),
        name="puente-enrollments",
        icon_name="table",
        order=10,
        permission=report_views.VIEW_REPORTS,
    )


@hooks.register("register_reports_menu_item")
def register_score_report_menu_item():
    return PermissionMenuItem(
        _("Final scores"),
        reverse("puente_reports:scores"),
        name="puente-scores",
        icon_name="tasks",
        order=12,
        permission=report_views.VIEW_REPORTS,
    )


@hooks.register("register_reports_menu_item")
def register_learner_report_menu_item():
    return PermissionMenuItem(
        _("Learner progress"),
        reverse("puente_reports:learners"),
        name="puente-learners",
        icon_name="user",
        order=13,
        permission=report_views.VIEW_REPORTS,
    )


@hooks.register("register_reports_menu_item")
def register_question_report_menu_item():
    return PermissionMenuItem(
        _("Question statistics"),
        reverse("puente_reports:questions"),
        name="puente-questions",
        icon_name="help",
        order=11,
        permission=report_views.VIEW_QUESTION_STATISTICS,
    )


@hooks.register("puente_role_permissions")
def program_role_permissions():
    """Cohorts and reports for program administrators; question statistics for
    trainers too."""
    return {
        PROGRAM_ADMINS: [
            ("lms", "view_cohort"),
            ("lms", "add_cohort"),
            ("lms", "change_cohort"),
            ("lms", "delete_cohort"),
            ("lms", "import_cohort"),
            ("lms", "view_reports"),
            ("lms", "view_question_statistics"),
        ],
        TRAINERS: [("lms", "view_question_statistics")],
    }
