"""Wagtail registrations of the lms app (accounts, cohorts, practice): registrations
only.

The reports room registers its own (``lms/reports/wagtail_hooks.py``).
"""

from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lms import admin_home
from lms.accounts import audit
from lms.accounts.admin_users import NAME_ACTION, UserPermissionPolicy
from lms.accounts.privacy import DELETE_ACTION, EXPORT_ACTION
from lms.accounts.roles import PROGRAM_ADMINS
from lms.cohorts import views as cohort_views
from lms.cohorts.csv_import import IMPORT_ACTION, REJECTED_ACTION
from lms.hooks import ACCOUNT_DELETED, PERSONAL_DATA, ROLE_PERMISSIONS
from lms.learning import lesson_shell
from lms.models import User
from lms.practice.personal_data import forget_typed_questions, practice_personal_data

# Program administrators may correct learners' names (lms.accounts.admin_users).
register_permission_policy(User, UserPermissionPolicy(User), exact_class=True)

LOG_ACTIONS = [
    (IMPORT_ACTION, _("Import cohort CSV"), _("Learners imported from a CSV file")),
    (REJECTED_ACTION, _("Reject cohort CSV"), _("CSV file refused: nothing imported")),
    (EXPORT_ACTION, _("Download personal data"), _("Personal data downloaded")),
    (DELETE_ACTION, _("Delete account"), _("Account deleted and anonymised")),
    (NAME_ACTION, _("Correct a learner's name"), _("Learner's name corrected")),
]


@hooks.register("register_log_actions")
def register_lms_log_actions(actions):
    audit.register_actions(actions)
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("insert_global_admin_css")
def back_office_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/back_office.css")
    )


# After Wagtail's own (order 0): its stock figures are replaced.
hooks.register(
    "construct_homepage_summary_items", admin_home.construct_summary_items, order=10
)
hooks.register("construct_homepage_panels", admin_home.construct_panels)


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return cohort_views.CohortViewSet()


@hooks.register("register_admin_urls")
def register_cohort_admin_urls():
    return [
        path(
            "cohort-actions/",
            include(
                (cohort_views.admin_urlpatterns(), "cohorts_admin"),
                namespace="cohorts_admin",
            ),
        )
    ]


@hooks.register(ROLE_PERMISSIONS)
def cohort_role_permissions():
    """Cohorts are kept by program administrators."""
    actions = ("view", "add", "change", "delete", "import")
    return {PROGRAM_ADMINS: [("lms", f"{action}_cohort") for action in actions]}


hooks.register(PERSONAL_DATA, practice_personal_data)
hooks.register(ACCOUNT_DELETED, forget_typed_questions)

# The signed-in lesson page from its cached pieces (lms.learning.lesson_shell);
# after Wagtail's own checks (order), and it declines what it cannot serve.
hooks.register("before_serve_page", lesson_shell.before_serve_page, order=100)
