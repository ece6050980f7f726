"""Enrollment and completion figures, grouped by course, cohort, agency or country.

Plain aggregate queries over ``Enrollment`` (one per listing page, one per chart),
so their cost does not grow with the number of rows shown. Called by
``lms.reports.views``.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.models import AttemptStatus, Country, Enrollment

GROUPS = {
    "course": ("course_id", "course__title"),
    "cohort": (
        "user__cohort_memberships__cohort_id",
        "user__cohort_memberships__cohort__name",
    ),
    "agency": ("user__agency", "user__agency"),
    "country": ("user__country", "user__country"),
}
GROUP_CHOICES = [
    ("course", _("Course")),
    ("cohort", _("Cohort")),
    ("agency", _("Agency")),
    ("country", _("Country")),
]


def completion_rate(enrollments: int, completions: int) -> int | None:
    return round(100 * completions / enrollments) if enrollments else None


def translated(path: str):
    """A translated field read through a relation, in the active language, else the
    default: modeltranslation rewrites ``title`` on the model's own queries only."""
    language = (get_language() or "")[:2]
    if language not in dict(settings.LANGUAGES):
        return F(path)
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), F(path))


def group_enrollments(queryset: QuerySet, group: str) -> QuerySet:
    """``[{"key", "label", "enrollments", "completions", "average_score"}, ...]``
    per group; the average is over every graded quiz attempt of the group.

    Grouped by cohort, an enrollment counts for each cohort of its learner that
    includes its course.
    """
    key, label = GROUPS.get(group, GROUPS["course"])
    label_value = translated(label) if group == "course" else F(label)
    if group == "cohort":
        queryset = queryset.filter(
            user__cohort_memberships__cohort__courses=F("course")
        )
    return (
        queryset.order_by()
        .values(key_value=F(key), label_value=label_value)
        .annotate(
            enrollments=Count("pk", distinct=True),
            completions=Count(
                "pk", filter=Q(completed_at__isnull=False), distinct=True
            ),
            average_score=Avg(
                "attempts__score", filter=Q(attempts__status=AttemptStatus.GRADED)
            ),
        )
        .order_by("-enrollments", "label_value", "key_value")
    )


def country_label(code: str) -> str:
    return str(dict(Country.choices).get(code, code or "—"))


def completion_rates_by(queryset: QuerySet, field: str, limit: int = 10) -> list[dict]:
    """Enrollments, completions and completion rate for the ``limit`` values of a
    learner field with the most enrollments (a rate over few people says little)."""
    rows = list(
        queryset.order_by()
        .values(value=F(field))
        .annotate(
            enrollments=Count("pk", distinct=True),
            completions=Count(
                "pk", filter=Q(completed_at__isnull=False), distinct=True
            ),
        )
        .order_by("-enrollments", "value")[:limit]
    )
    for row in rows:
        row["rate"] = completion_rate(row["enrollments"], row["completions"])
    return rows


def base_enrollments() -> QuerySet:
    return Enrollment.objects.all()
