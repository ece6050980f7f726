"""Wagtail's page serving, with its per-request look-ups answered from the cache.

Stock Wagtail finds the Site, then walks the tree one level at a time (with
wagtail-modeltranslation: every child of each level, then its specific row) and
reads the view restrictions of the page and its ancestors: about a dozen queries
for a lesson, before the lesson itself. They depend on published content only, so
they are kept per content generation (``courses.cache.remember``): any page, site,
snippet or restriction change is seen on the next request.
"""

from __future__ import annotations

import hashlib

from django.utils.translation import get_language
from wagtail.models import PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from courses.cache import remember
from courses.compat import find_site_uncached, preset_request_site


def _find_site(request) -> Site | None:
    site = find_site_uncached(request)
    if site is not None:
        # Routing starts from the root's specific page: keep it with the site.
        site.root_page = site.root_page.specific
    return site


def serve(request, path):
    """Wagtail's ``serve`` view, with the request's Site taken from the cache."""
    # Imported here: wagtail.views needs the app registry, and page models import
    # this module while it is being filled.
    from wagtail import views as wagtail_views

    def cached_site() -> Site | None:
        name = f"site:{request.get_host()}:{request.get_port()}"
        return remember(name, lambda: _find_site(request))

    preset_request_site(request, cached_site)
    return wagtail_views.serve(request, path)


def any_view_restrictions() -> bool:
    """Whether any page is private at all: usually not, and then none need checking."""
    return remember("view-restrictions", PageViewRestriction.objects.exists)


def install_cached_route(model) -> None:
    """Route through ``model`` (the site's root page type) once per generation.

    Called from ``CoursesConfig.ready``, after wagtail-modeltranslation has set its
    own ``route`` on every translated page class (a mixin method would be replaced),
    so this wraps whichever ``route`` is installed. Only plain routes to Puente's
    own live pages are kept (other page types keep Wagtail's routing); unknown
    paths are a 404 each time and never stored, so made-up URLs cannot fill it.
    """
    original = model.route

    def route(self, request, path_components):
        if not path_components:
            return original(self, request, path_components)
        digest = hashlib.sha256("/".join(path_components).encode()).hexdigest()
        name = f"route:{self.pk}:{get_language()}:{digest}"

        def build():
            page, args, kwargs = original(self, request, path_components)
            plain = page.live and not args and not kwargs
            return page if plain and page._meta.app_label == "courses" else None

        page = remember(name, build)
        if page is None:
            return original(self, request, path_components)
        return RouteResult(page)

    model.route = route


class CachedViewRestrictionsMixin:
    """Skips the two restriction queries of each request while no page is private."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
