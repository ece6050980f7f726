"""Cohorts: a group of learners following some courses together, with dates and a
place. Members are added by ``lms.cohorts`` (CSV import) and read by the cohort
progress view and the reports.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    """E.g. "Southern Border Initiative — Chula Vista, August 2022"."""

    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="cohorts",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="CohortMember",
        blank=True,
        related_name="cohorts",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]
        permissions = [
            ("import_cohort", _("Can enroll a cohort from a CSV file")),
            ("view_reports", _("Can view programme reports")),
            ("view_question_statistics", _("Can view question statistics")),
        ]

    def __str__(self):
        return self.name


class CohortMember(models.Model):
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user"], name="lms_cohortmember_unique"
            )
        ]

    def __str__(self):
        return f"{self.cohort_id} · {self.user_id}"
