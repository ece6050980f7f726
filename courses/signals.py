"""Cache invalidation for layout data derived from pages (see templatetags)."""

from django.conf import settings
from django.core.cache import cache

from .templatetags.course_tags import CATALOGUE_URL_KEY


def forget_catalogue_url(sender, **kwargs):
    cache.delete_many(
        [CATALOGUE_URL_KEY.format(language=code) for code, _name in settings.LANGUAGES]
    )
