"""Cohorts in the Wagtail admin: the viewset (list, add, edit), the CSV import page
and the per-learner progress table with its CSV/XLSX export. Thin views: parsing and
importing are in ``csv_import``, progress in ``progress``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from courses.models import CoursePage
from lms.cohorts.csv_import import (
    COLUMNS,
    import_cohort_rows,
    log_rejected_import,
    parse_cohort_csv,
)
from lms.cohorts.progress import get_member_progress
from lms.models import Cohort, CohortMember
from lms.reports.export import AuditedExportMixin
from lms.reports.listing import CountLabelMixin

IMPORT = "lms.import_cohort"
VIEW = "lms.view_cohort"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class CohortIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            ListingButton(
                _("Progress"),
                url=reverse("cohorts_admin:progress", args=[instance.pk]),
                icon_name="table",
                priority=5,
            )
        )
        if self.request.user.has_perm(IMPORT):
            buttons.append(
                ListingButton(
                    _("Import learners (CSV)"),
                    url=reverse("cohorts_admin:import", args=[instance.pk]),
                    icon_name="upload",
                    priority=6,
                )
            )
        return buttons


class CohortForm(WagtailAdminModelForm):
    """Courses a cohort can follow: the live ones. A course the cohort already has
    stays listed after being unpublished, so saving the cohort does not drop it."""

    class Meta:
        model = Cohort
        fields = ["name", "start_date", "end_date", "place", "courses"]
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = CoursePage.objects.live()
        if self.instance.pk:
            offered = offered | CoursePage.objects.filter(cohorts=self.instance)
        self.fields["courses"].queryset = offered.distinct().order_by("title")


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 330
    add_to_admin_menu = True
    name = "cohorts"
    url_prefix = "cohorts"
    index_view_class = CohortIndexView
    form_fields = CohortForm.Meta.fields
    list_display = ["name", "start_date", "end_date", "place"]
    search_fields = ["name", "place"]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CohortForm


# Import ---------------------------------------------------------------------------


class CohortImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        allow_empty_file=True,
        help_text=_(
            "Columns: email, full_name, agency, country (US or MX), "
            "preferred_language (en or es). UTF-8 or Latin-1; at most 10,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def import_view(request, pk: int):
    if not request.user.has_perm(IMPORT):
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, pk=pk)
    report = None
    if request.method == "POST":
        form = CohortImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = parse_cohort_csv(upload.read())
            if parsed.is_valid:
                result = import_cohort_rows(
                    cohort, parsed.rows, by=request.user, filename=upload.name
                )
                messages.success(
                    request,
                    _(
                        "Import done. Learners in the file: %(rows)s. New accounts "
                        "invited: %(accounts)s. Added to the cohort: %(members)s. "
                        "New enrollments: %(enrollments)s."
                    )
                    % {
                        "rows": result.rows,
                        "accounts": result.accounts_created,
                        "members": result.memberships_created,
                        "enrollments": result.enrollments_created,
                    },
                )
                return redirect("cohorts_admin:progress", cohort.pk)
            log_rejected_import(cohort, parsed, by=request.user, filename=upload.name)
            report = parsed.errors
    else:
        form = CohortImportForm()
    return TemplateResponse(
        request,
        "lms/admin/cohort_import.html",
        {
            "page_title": _("Import learners"),
            "page_subtitle": cohort.name,
            "header_icon": "upload",
            "cohort": cohort,
            "form": form,
            "report": report,
            "columns": COLUMNS,
        },
        status=400 if report else 200,
    )


# Progress -------------------------------------------------------------------------


class CohortProgressView(CountLabelMixin, AuditedExportMixin, ReportView):
    results_template_name = "lms/admin/cohort_progress_results.html"
    header_icon = "table"
    report_name = "cohort-progress"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        self.cohort = get_object_or_404(Cohort, pk=kwargs["pk"])
        self.audit_object = self.cohort
        self.courses = list(self.cohort.courses.order_by("title"))
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return self.cohort.name

    def count_label(self, count: int) -> str:
        return ngettext("%(count)s learner", "%(count)s learners", count) % {
            "count": count
        }

    def get_index_url(self):
        return reverse("cohorts_admin:progress", args=[self.cohort.pk])

    def get_index_results_url(self):
        return self.get_index_url()

    def get_queryset(self):
        return (
            CohortMember.objects.filter(cohort=self.cohort)
            .select_related("user")
            .order_by("user__full_name", "pk")
        )

    @cached_property
    def list_export(self):
        return [
            "user.full_name",
            "user.email",
            "user.agency",
            "user.country",
            *[f"course_{course.pk}" for course in self.courses],
            "completed",
        ]

    @cached_property
    def export_headings(self):
        headings = {
            "user.full_name": _("Full name"),
            "user.email": _("Email"),
            "user.agency": _("Agency"),
            "user.country": _("Country"),
            "completed": _("Courses completed"),
        }
        for course in self.courses:
            headings[f"course_{course.pk}"] = _("%(course)s (%% done)") % {
                "course": course.title
            }
        return headings

    def to_row_dict(self, item):
        row = {
            "user.full_name": item.member.user.full_name,
            "user.email": item.member.user.email,
            "user.agency": item.member.user.agency,
            "user.country": item.member.user.country,
        }
        for course, cell in zip(self.courses, item.cells, strict=True):
            row[f"course_{course.pk}"] = cell.percent if cell.enrolled else ""
        row["completed"] = item.completed
        return row

    def decorate_paginated_queryset(self, object_list):
        return get_member_progress(self.cohort, object_list, self.courses)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohort"] = self.cohort
        context["courses"] = self.courses
        return context


def admin_urlpatterns():
    return [
        path("<int:pk>/import/", import_view, name="import"),
        path("<int:pk>/progress/", CohortProgressView.as_view(), name="progress"),
    ]
