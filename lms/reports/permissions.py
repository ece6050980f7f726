"""Who may see the reports: the two permissions and the mixin every report view uses.

Granted to roles in ``lms.reports.wagtail_hooks``; checked by ``lms.reports.views``.
"""

from django.core.exceptions import PermissionDenied

VIEW_REPORTS = "lms.view_reports"
VIEW_QUESTION_STATISTICS = "lms.view_question_statistics"


class PermissionRequiredMixin:
    """A 403 unless the person holds ``permission``."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
