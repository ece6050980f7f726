"""Admin views of the courses app: the Translation completeness report."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from courses.translation_report import get_translation_gaps


def _edit_url(gap):
    return reverse("wagtailadmin_pages:edit", args=[gap.page.pk])


class TranslationReportView(ReportView):
    """Each course page with fields written in one language and empty in the other."""

    page_title = _("Translation completeness")
    header_icon = "globe"
    index_url_name = "courses_translation_report"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    columns = [
        TitleColumn("title", label=_("Page"), get_url=_edit_url),
        Column("kind", label=_("Type")),
        Column("course_title", label=_("Course")),
        Column("languages_offered", label=_("Offered in")),
        Column("missing_en", label=_("Missing in English")),
        Column("missing_es", label=_("Missing in Spanish")),
    ]
    list_export = [
        "title",
        "kind",
        "course_title",
        "languages_offered",
        "missing_en",
        "missing_es",
    ]
    export_headings = {
        "title": _("Page"),
        "kind": _("Type"),
        "course_title": _("Course"),
        "languages_offered": _("Offered in"),
        "missing_en": _("Missing in English"),
        "missing_es": _("Missing in Spanish"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    @cached_property
    def no_results_message(self):
        return _("Every course page is complete in both languages.")

    def get_filename(self):
        return "translation-completeness"

    def stream_csv(self, queryset):
        # A UTF-8 byte-order mark first, as on every CSV Puente exports (lms's
        # reports: lms.reports.export): Excel on Windows then reads the accents.
        rows = super().stream_csv(queryset)
        yield "\ufeff".encode() + next(rows)
        yield from rows

    def get_queryset(self):
        return get_translation_gaps()
