"""One learner's own pages kept whole in the cache, for that learner only: under
their version and the permission generation (``learner_cache``), the content
generation, language and time zone. CSRF tokens are stored as a placeholder and
filled per request; a request with messages to show, or a query string, is rendered
as usual (docs/decisions/0011).

- The dashboard: ``serve_learner_page``, called by ``lms.learning.views.dashboard``.
- A lesson: ``lms.learning.lesson_shell`` marks the page it made from its cached
  pieces (``keep_for_learner``), and ``LearnerPageCacheMiddleware`` answers the
  learner's next request for it before Wagtail routes it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from courses.serving import serve as serve_page
from lms.learning.learner_cache import (
    LEARNER_SECONDS,
    learner_key,
    remember_for_learner,
)

# As long as a real token, so the page's length and layout are the same.
CSRF_PLACEHOLDER = "puente-csrf-placeholder-" + "0" * 40
KEEP_FLAG = "_puente_keep_for_learner"


def has_stored_messages(request: HttpRequest) -> bool:
    """Messages waiting to be shown (cookie or session storage): the page shows
    them, so it is rendered whole."""
    return CookieStorage.cookie_name in request.COOKIES or (
        "_messages" in request.session
    )


def is_keepable_request(request: HttpRequest) -> bool:
    """A request whose page may be the learner's kept copy (a signed-in GET with
    no query string and no messages waiting)."""
    return (
        request.method == "GET"
        and not request.GET
        and request.user.is_authenticated
        and not has_stored_messages(request)
    )


def _name(page: str) -> str:
    return f"page:{page}:{get_language()}:{timezone.get_current_timezone_name()}"


def _with_token(request: HttpRequest, html: str) -> HttpResponse:
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def serve_learner_page(
    request: HttpRequest, name: str, render: Callable[[str | None], HttpResponse]
) -> HttpResponse:
    """``render(csrf_token)`` once per learner and state, then from the cache.

    ``render`` is given the token to write (the placeholder while the page is
    made for the cache, ``None`` for a normal rendering) and returns the response.
    """
    if not is_keepable_request(request):
        return render(None)
    made: list[HttpResponse] = []

    def build() -> str | None:
        response = render(CSRF_PLACEHOLDER)
        made.append(response)
        ok = response.status_code == 200 and not response.cookies
        return response.content.decode() if ok else None

    html = remember_for_learner(request.user.pk, _name(name), build, content=True)
    if html is None:  # not a page to keep (a redirect, a cookie set)
        return made[0] if made else render(None)
    return _with_token(request, html)


def keep_for_learner(request: HttpRequest, html: str) -> HttpResponse:
    """The response for ``html`` (written with ``CSRF_PLACEHOLDER``), marked so
    that ``LearnerPageCacheMiddleware`` keeps it for this learner. For pages that
    show content and the learner's own records only, never another learner's."""
    response = _with_token(request, html)
    setattr(response, KEEP_FLAG, html)
    return response


class LearnerPageCacheMiddleware:
    """Answers a learner's GET for a Wagtail page from the copy kept for them
    (``keep_for_learner``), before routing: three cache reads in all, with the
    session. Last in ``MIDDLEWARE``: every other middleware has run on the request
    and runs on the response as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        html = getattr(response, KEEP_FLAG, None)
        key = getattr(request, KEEP_FLAG, None)
        if html is not None and key is not None and response.status_code == 200:
            cache.set(key, (html,), LEARNER_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only Wagtail's page serving: no other view pays for the look-up.
        if view_func is serve_page and is_keepable_request(request):
            page = f"{request.get_host()}{request.path}"
            key = learner_key(request.user.pk, _name(page), content=True)
            found = cache.get(key)
            if found is not None:
                return _with_token(request, found[0])
            setattr(request, KEEP_FLAG, key)
        return None
