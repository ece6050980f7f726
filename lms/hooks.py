"""The Wagtail hooks lms offers: where another app adds what it owns to lms's pages.

lms never imports ``certificates``; an app registers a function under one of these
names from its ``wagtail_hooks.py`` (``@hooks.register(lms.hooks.DASHBOARD_PANELS)``)
and lms reads them with ``wagtail.hooks.get_hooks``. Each name's signature:

``DASHBOARD_PANELS``
    ``fn(request) -> lms.learning.dashboard.DashboardPanel | None``: a panel on the
    learner dashboard (certificates: the learner's certificates and renewals).
``COMPLETION_LINKS``
    ``fn(request, enrollments: list[Enrollment]) -> {enrollment id:
    [lms.learning.dashboard.CompletionLink, ...]}``: what a completed course offers
    on its course page and dashboard card (certificates: download and share the
    certificate, the transcript; or that it awaits approval).
``RENEWAL_DUE``
    ``fn(enrollment) -> bool``: whether a completed enrollment may open a new
    certification cycle (certificates: its certificate expired or expires soon).
``ROLE_PERMISSIONS``
    ``fn() -> {role name: [(app_label, codename), ...]}``: model permissions a role
    needs, granted by ``lms.accounts.roles.sync_roles`` after every migrate.
``PERSONAL_DATA``
    ``fn(user) -> list[lms.accounts.privacy.export.PersonalDataSection]``: the
    app's part of a person's data download (``lms.accounts.privacy.export``).
``ACCOUNT_DELETED``
    ``fn(user) -> None``: called inside the deletion's transaction with the
    anonymised user (``lms.accounts.privacy.deletion``).
``REPORT_SECTIONS``
    ``fn(filters: dict) -> lms.reports.sections.ReportSection | None``: a section of
    the enrollment report, given its cleaned filters.
``LEARNER_REPORT_COLUMNS``
    ``fn() -> lms.reports.sections.LearnerColumn | None``: a column of the
    per-learner progress table (certificates: the certificate serial).
"""

DASHBOARD_PANELS = "puente_dashboard_panels"
COMPLETION_LINKS = "puente_completion_links"
RENEWAL_DUE = "puente_renewal_due"
ROLE_PERMISSIONS = "puente_role_permissions"
PERSONAL_DATA = "puente_personal_data"
ACCOUNT_DELETED = "puente_account_deleted"
REPORT_SECTIONS = "puente_report_sections"
LEARNER_REPORT_COLUMNS = "puente_learner_report_columns"
