"""Helpers for the courses tests (fixtures: conftest.py): a page URL per language."""

from django.utils import translation


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()
