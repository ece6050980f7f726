"""Template tags for the site layout: the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


def _page_url_in(page: Page, language: str) -> str | None:
    with translation.override(language):
        return page.get_url()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Plain links to this same page in each other language (no form, no session)."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = _page_url_in(page, code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        if url:
            links.append(
                {
                    "code": code,
                    "url": url,
                    "current": code == current,
                    "name": translation.get_language_info(code)["name_local"],
                }
            )
    return {"links": links}
