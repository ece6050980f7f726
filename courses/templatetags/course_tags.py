"""Template tags of course pages: where the catalogue lives, and lesson bodies."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from courses.cache import remember
from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The live catalogue's URL in this language, kept until the next content change
    (``courses.cache.remember``: publishing, moving or unpublishing it is one)."""

    def build() -> str:
        page = CourseIndexPage.objects.live().first()
        return page.get_url(request=context.get("request")) if page else ""

    return remember(f"catalogue-url:{get_language()}", build)


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """``{% include_block page.body %}``, kept per live revision and language.

    A lesson's blocks show content only (no learner, no form token), so the HTML
    is the same for everyone reading that revision in that language. Previews
    render the draft and are never stored.
    """
    request = context.get("request")

    def render():
        return str(page.body.render_as_block(context=context.flatten()))

    if getattr(request, "is_preview", False) or not page.live_revision_id:
        return mark_safe(render())  # noqa: S308 (rendered by Wagtail's blocks)
    name = f"lesson-body:{page.pk}:{page.live_revision_id}:{get_language()}"
    return mark_safe(remember(name, render))  # noqa: S308 (as above)
