"""Per-language cache of public pages (home, catalogue, course) for anonymous visitors.

``AnonymousPageCacheMiddleware`` (last in ``MIDDLEWARE``) answers a repeat anonymous
GET from the cache before Wagtail routes it, so a hit costs no database query; every
other middleware still runs, so security headers, CSP and language stay per request.
Only responses a page marked public (``PublicPageCacheMixin.serve``) are stored, and
only if nothing in them belongs to one visitor (cookies, CSRF token, messages).
Invalidation is a generation counter bumped by courses/signals.py on any change;
``remember`` keeps other content-derived values (routes, outlines) under the same one.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import get_language

from courses.app_settings import page_cache_seconds
from courses.compat import has_messages

GENERATION_KEY = "puente:page-cache:generation"
ENTRY_KEY = "puente:page-cache:{digest}"
STRUCTURE_KEY = "puente:structure:{name}"
STRUCTURE_SECONDS = 60 * 60
PUBLIC_FLAG = "puente_public_page"

# The only query parameters a cached page may have: the catalogue's filters (the
# search box must be empty). Anything else is served uncached, so made-up query
# strings cannot fill the cache.
CATALOGUE_PARAMS = frozenset({"q", "language", "topic"})
_SLUG = re.compile(r"[-\w]{0,80}")
_PRIVATE = ("private", "no-store", "no-cache")


def mark_public(response) -> None:
    """Let the middleware store this response (called by the page that served it)."""
    setattr(response, PUBLIC_FLAG, True)


def bump_generation() -> None:
    """Make every stored page stale, in every language, on every server."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Never seen (or evicted): start from the clock so no old entry can match.
        cache.set(GENERATION_KEY, time.time_ns(), None)


def generation_from(found: dict) -> int:
    """The content generation from a ``get_many`` that asked for ``GENERATION_KEY``
    (started if it was not there), for callers that read it with their own keys."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def remember(name: str, build):
    """``build()``, kept until the next page, site or snippet change (one cache trip).

    For what is derived from published content only (routes, outlines), never for
    anything about one learner. A value built while a change commits carries the
    old generation, so it is not served after the change.
    """
    return remember_many({name: name}, lambda _names: {name: build()})[name]


def remember_many(names: dict, build) -> dict:
    """``remember`` for several values in one cache trip: ``{id: name}`` in, values out.

    ``build(ids)`` returns ``{id: value}`` for the ids not kept (one query for all).
    """
    keys = {ident: STRUCTURE_KEY.format(name=name) for ident, name in names.items()}
    found = cache.get_many([GENERATION_KEY, *keys.values()])
    generation = generation_from(found)
    values, missing = {}, []
    for ident, key in keys.items():
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            values[ident] = entry[1]
        else:
            missing.append(ident)
    if missing:
        built = build(missing)
        cache.set_many(
            {keys[ident]: (generation, built[ident]) for ident in missing},
            STRUCTURE_SECONDS,
        )
        values.update(built)
    return values


def _normalised_query(request) -> str | None:
    """The catalogue filters in a fixed order, or None if the query is not cacheable."""
    items = []
    languages = {code for code, _name in settings.LANGUAGES}
    for name in request.GET:
        values = request.GET.getlist(name)
        if name not in CATALOGUE_PARAMS or len(values) != 1:
            return None
        value = values[0]
        if name == "q" and value:
            return None
        if name == "language" and value and value not in languages:
            return None
        if name == "topic" and not _SLUG.fullmatch(value):
            return None
        items.append((name, value))
    return urlencode(sorted(items))


def page_cache_key(request) -> str | None:
    """The cache key of an anonymous GET/HEAD for a public page, or None to bypass."""
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    query = _normalised_query(request)
    if query is None:
        return None
    raw = "\n".join(
        [request.scheme, request.get_host(), get_language() or "", request.path, query]
    )
    return ENTRY_KEY.format(digest=hashlib.sha256(raw.encode()).hexdigest())


def is_storable(request, response) -> bool:
    """A response anyone may be given: public page, 200, nothing of one visitor."""
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "").lower()
    return (
        request.method == "GET"
        and response.status_code == 200
        and getattr(response, PUBLIC_FLAG, False)
        and not response.streaming
        and not response.cookies
        and (user is None or not user.is_authenticated)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not has_messages(request)
        and not any(word in cache_control for word in _PRIVATE)
        and b"csrfmiddlewaretoken" not in response.content
    )


def _rebuild(entry) -> HttpResponse:
    _generation, status, content, headers = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class AnonymousPageCacheMiddleware:
    """Serve stored public pages to anonymous visitors; store the ones that qualify."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache_key(request)
        if key is None:
            return self.get_response(request)
        # One round trip: the entry and the generation it must match.
        found = cache.get_many([GENERATION_KEY, key])
        generation = generation_from(found)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return _rebuild(entry)
        response = self.get_response(request)
        if is_storable(request, response):
            entry = (
                generation,
                response.status_code,
                bytes(response.content),
                list(response.items()),
            )
            cache.set(key, entry, page_cache_seconds())
        return response
