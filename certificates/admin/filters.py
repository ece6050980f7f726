"""The filters of the certificate listing (course, status, issue and expiry dates,
the learner's agency and country), shared by the listing and its ZIP download so the
ZIP holds exactly the filtered set.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget

from certificates.models import Certificate, CertificateStatus
from courses.models import CoursePage
from lms.reports.filters import LearnerPlaceFilterSet


class CertificateFilterSet(LearnerPlaceFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=CoursePage.objects.order_by("title")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CertificateStatus.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued"), widget=DateRangePickerWidget
    )
    expires_at = django_filters.DateFromToRangeFilter(
        label=_("Expires"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["course", "status", "issued_at", "expires_at", "agency", "country"]


def filtered_certificates(request):
    """The certificates the request's filters select (with what a PDF prints)."""
    queryset = Certificate.objects.select_related("user", "logo", "signature")
    return CertificateFilterSet(request.GET, queryset=queryset, request=request).qs
