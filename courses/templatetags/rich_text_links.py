"""The ``safe_links`` filter, used by our override of Wagtail's rich-text template."""

from django import template
from django.utils.safestring import mark_safe

from courses.richtext import safe_links as _safe_links

register = template.Library()


@register.filter
def safe_links(html) -> str:
    # The input is Wagtail's expanded rich text, already trusted as HTML.
    return mark_safe(_safe_links(str(html)))  # noqa: S308
