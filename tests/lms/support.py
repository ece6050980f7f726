"""Helpers for the learner-side tests (fixtures: conftest.py): URLs in a language."""

from django.urls import reverse
from django.utils import translation


def lms_url(name: str, *args, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def page_url(page, lang: str = "en") -> str:
    with translation.override(lang):
        return page.get_url()
