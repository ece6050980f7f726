"""The learner's state on an interview practice page: start, continue, the rounds
played and their trend. courses' practice template loads this library, so courses
never imports lms; the state is read through ``lms.practice.services``.
"""

from __future__ import annotations

from django import template

from lms.practice.services.debrief import get_practice_status
from lms.templatetags.learning_tags import get_learning_state

register = template.Library()


@register.inclusion_tag("lms/practice/tags/practice_actions.html", takes_context=True)
def practice_actions(context, page):
    """Start or continue a round, the rounds played and the trend; the content
    note first when it is still to be read."""
    learning = get_learning_state(context, page)
    status = None
    if learning.enrollment is not None and not learning.must_acknowledge:
        status = get_practice_status(learning.enrollment, page)
    return {
        "learning": learning,
        "status": status,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "page": page,
    }
