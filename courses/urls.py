"""Wagtail's front-end URLs, with page serving through ``courses.serving.serve``."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from courses.serving import serve

urlpatterns = [
    *(p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
