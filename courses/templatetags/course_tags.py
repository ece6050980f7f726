"""Template tags for the site layout: where the course catalogue lives."""

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

register = template.Library()

CATALOGUE_URL_KEY = "puente:catalogue-url:{language}"


@register.simple_tag(takes_context=True)
def catalogue_url(context) -> str:
    """The live catalogue's URL in this language; cached until it is republished."""
    from courses.models import CourseIndexPage

    key = CATALOGUE_URL_KEY.format(language=get_language())
    url = cache.get(key)
    if url is None:
        page = CourseIndexPage.objects.live().first()
        url = page.get_url(request=context.get("request")) if page else ""
        cache.set(key, url, 60 * 60)
    return url
