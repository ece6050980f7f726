"""Completions over time: how many of the filtered enrollments were completed in
each week or month, from the start of the report's date range (else the first
completion) to its end (else the last completion, never past today).

One grouped query whatever the number of enrollments; empty weeks or months are
kept, so a gap in time shows as a gap in the chart. ``completions_over_time_chart``
draws it for ``lms.reports.views``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lms.reports.charts import ColumnChart, column_chart

WEEKLY_UP_TO_DAYS = 26 * 7  # a longer span is counted by month
MAX_PERIODS = 60  # the most recent 60 months at most


@dataclass
class Period:
    start: date
    completions: int
    monthly: bool

    @property
    def label(self) -> str:
        if self.monthly:
            return date_format(self.start, "F Y")
        return _("Week of %(date)s") % {"date": date_format(self.start, "DATE_FORMAT")}

    @property
    def start_label(self) -> str:
        return date_format(self.start, "F Y" if self.monthly else "DATE_FORMAT")

    @property
    def short_label(self) -> str:
        return date_format(self.start, "M Y" if self.monthly else "j M")


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _next_week(day: date) -> date:
    return day + timedelta(days=7)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def get_completions_over_time(enrollments, start=None, stop=None) -> list[Period]:
    """Periods from ``start`` to ``stop`` (dates, either may be None)."""
    per_day = (
        enrollments.filter(completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(count=Count("pk", distinct=True))
    )
    days = {row["day"]: row["count"] for row in per_day}
    if not days and not (start and stop):
        return []
    first = start or min(days)
    last = min(stop or max(days), timezone.localdate())
    if last < first:
        return []
    monthly = (last - first).days > WEEKLY_UP_TO_DAYS
    if monthly:
        cursor, step, period_of = first.replace(day=1), _next_month, _month_start
    else:
        cursor, step, period_of = _week_start(first), _next_week, _week_start
    counts: dict[date, int] = {}
    for day, count in days.items():
        counts[period_of(day)] = counts.get(period_of(day), 0) + count
    periods: list[Period] = []
    while cursor <= last:
        periods.append(Period(cursor, counts.get(cursor, 0), monthly))
        cursor = step(cursor)
    return periods[-MAX_PERIODS:]


def _local_date(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment


def completions_over_time_chart(enrollments, period=None) -> ColumnChart:
    """The chart of ``get_completions_over_time`` for the report's ``enrolled_at``
    filter (a slice of datetimes, or None), with its one-sentence description."""
    start = _local_date(period.start) if period else None
    stop = _local_date(period.stop) if period else None
    periods = get_completions_over_time(enrollments, start, stop)
    monthly = bool(periods) and periods[0].monthly
    if periods:
        description = _(
            "Completions per %(unit)s from %(first)s to %(last)s: %(total)s in all, "
            "at most %(most)s in one %(unit)s."
        ) % {
            "unit": _("month") if monthly else _("week"),
            "first": periods[0].start_label,
            "last": periods[-1].start_label,
            "total": sum(p.completions for p in periods),
            "most": max(p.completions for p in periods),
        }
    else:
        description = ""
    return column_chart(
        str(_("Completions per month") if monthly else _("Completions per week")),
        str(description),
        [(p.label, p.short_label, p.completions, str(p.completions)) for p in periods],
        key="completions-over-time",
        heading=str(_("Month") if monthly else _("Week")),
    )
