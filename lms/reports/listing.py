"""What a report's listing says about its rows: the count under the table and above
filtered results names what the rows are ("3 courses", "22 agencies"), where
Wagtail's paginator would name the model the report reads ("3 enrollments").
Mixed into the report views (``lms.reports.views``) and the cohort progress view.
"""

from __future__ import annotations

from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator


class CountedPaginator(WagtailPaginator):
    """Wagtail's paginator with the count's words given by the view."""

    label = None  # a function: count -> "3 courses"

    @cached_property
    def items_count_label(self):
        if self.label is None:
            return super().items_count_label
        return self.label(self.count)


class CountLabelMixin:
    """For a listing view: ``count_label(count)`` returns the whole phrase (an
    ``ngettext``), shown under the table and as the "matches" line when filtered."""

    paginator_class = CountedPaginator

    def count_label(self, count: int) -> str:
        raise NotImplementedError

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.label = self.count_label
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = context.get("items_count")
        if count is not None:
            context["count_label"] = self.count_label(count)
        return context
