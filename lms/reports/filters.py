"""Filters shared by the enrollment-based reports: date range, course, cohort,
agency and country (``EnrollmentFilterSet``); the enrollment report adds its
grouping, the learner table requires a course or a cohort. Used by the views.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.models import CoursePage
from lms.models import Cohort, Country, Enrollment
from lms.reports.queries import GROUP_CHOICES


class LearnerPlaceFilterSet(WagtailFilterSet):
    """The learner's agency and country, for any listing whose rows reach the
    learner through ``user`` (enrollments here, certificates in their admin):
    one definition, so both screens filter the same way.
    """

    agency = django_filters.CharFilter(
        label=_("Agency"), field_name="user__agency", lookup_expr="icontains"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="user__country",
        choices=Country.choices,
        empty_label=_("All"),
    )


class EnrollmentFilterSet(LearnerPlaceFilterSet):
    enrolled_at = django_filters.DateFromToRangeFilter(
        label=_("Enrolled between"), widget=DateRangePickerWidget
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"), queryset=CoursePage.objects.order_by("title")
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("name"),
        field_name="user__cohort_memberships__cohort",
    )

    class Meta:
        model = Enrollment
        fields = ["enrolled_at", "course", "cohort", "agency", "country"]


class GroupedEnrollmentFilterSet(EnrollmentFilterSet):
    group = django_filters.ChoiceFilter(
        label=_("Group by"),
        choices=GROUP_CHOICES,
        method="keep",
        empty_label=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Enrollment
        fields = ["group", "enrolled_at", "course", "cohort", "agency", "country"]

    def keep(self, queryset, name, value):
        return queryset


class LearnerFilterSet(EnrollmentFilterSet):
    """One course or one cohort (with the cohort, only its courses)."""

    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"),
        queryset=Cohort.objects.order_by("name"),
        method="in_cohort",
    )

    def in_cohort(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            user__cohort_memberships__cohort=value, course__cohorts=value
        )
