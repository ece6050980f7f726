"""One learner's own pages (the dashboard) kept whole in the cache, for that learner
only: under their version and the permission generation (``learner_cache``), the
content generation, language and time zone. CSRF tokens are stored as a
placeholder and filled per request; a request with messages to show, or a query
string, is rendered as usual. Called by ``lms.learning.views.dashboard``
(docs/decisions/0011).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from lms.learning.learner_cache import remember_for_learner
from lms.learning.lesson_shell import CSRF_PLACEHOLDER, has_stored_messages


def serve_learner_page(
    request: HttpRequest, name: str, render: Callable[[str | None], HttpResponse]
) -> HttpResponse:
    """``render(csrf_token)`` once per learner and state, then from the cache.

    ``render`` is given the token to write (the placeholder while the page is
    made for the cache, ``None`` for a normal rendering) and returns the response.
    """
    user = request.user
    if (
        request.method != "GET"
        or request.GET
        or not user.is_authenticated
        or has_stored_messages(request)
    ):
        return render(None)
    key = f"page:{name}:{get_language()}:{timezone.get_current_timezone_name()}"
    made: list[HttpResponse] = []

    def build() -> str | None:
        response = render(CSRF_PLACEHOLDER)
        made.append(response)
        ok = response.status_code == 200 and not response.cookies
        return response.content.decode() if ok else None

    html = remember_for_learner(user.pk, key, build, content=True)
    if html is None:  # not a page to keep (a redirect, a cookie set)
        return made[0] if made else render(None)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
