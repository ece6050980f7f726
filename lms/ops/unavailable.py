"""503 instead of 500 when a backing service, not the code, failed a request.

``server_error`` is the site's ``handler500`` (lms/urls.py). Django calls it for any
exception a request raised, in a view or in a middleware (a session or user look-up
while PostgreSQL restarts): a lost database connection, or media storage refusing a
file (``MediaUnavailable``), gets a 503 page in the person's language with
``Retry-After``, rendered without touching the database; anything else gets the
usual 500 page. See docs/deployment.md ("Faults").
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from lms.ops.errors import MediaUnavailable

logger = logging.getLogger("puente.unavailable")

DATABASE_ERRORS = (OperationalError, InterfaceError)
DATABASE_MESSAGE = _(
    "Puente cannot reach its database for a moment. If you were sending a form, it "
    "was not saved: please send it again in a minute."
)
# Wagtail's multiple uploaders read a refused file from this JSON shape (HTTP 200, as
# Wagtail's own view answers a refused file); any other status shows only a generic
# "Server Error" there, without our message.
UPLOADER_VIEWS = {"wagtailimages:add_multiple", "wagtaildocs:add_multiple"}


def retry_after_seconds() -> int:
    return int(getattr(settings, "PUENTE_RETRY_AFTER_SECONDS", 30))


def _language(request, *, database_down: bool) -> str:
    """The person's language without a query: the URL's prefix, else the language
    the middleware activated (the admin user's own), else cookie and browser."""
    language = translation.get_language_from_path(request.path_info)
    if language:
        return language
    if database_down:
        return translation.get_language_from_request(request, check_path=True)
    # The failure came from storage, so the middleware ran: the active language is
    # the signed-in person's (Wagtail's admin shows theirs too unless they chose
    # another there). No query here: the failed request's transaction may be broken.
    return translation.get_language() or settings.LANGUAGE_CODE


def _is_json_request(request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest" or (
        "application/json" in request.headers.get("accept", "")
    )


def unavailable_response(request, error: Exception) -> HttpResponse:
    database_down = isinstance(error, DATABASE_ERRORS)
    language = _language(request, database_down=database_down)
    with translation.override(language):
        message = str(
            DATABASE_MESSAGE if database_down else getattr(error, "message", "")
        )
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in UPLOADER_VIEWS:
            return JsonResponse({"success": False, "error_message": message})
        if _is_json_request(request):
            response = JsonResponse(
                {"status": "unavailable", "message": message}, status=503
            )
        else:
            html = render_to_string(
                "503.html", {"message": message, "language": language}
            )
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS + (MediaUnavailable,)):
        # Django has logged the traceback already (django.request); this line says
        # what the person got.
        logger.warning(
            "Unavailable: %s %s (%s: %s)",
            request.method,
            request.path,
            type(error).__name__,
            error.__cause__ or error,
        )
        return unavailable_response(request, error)
    return defaults.server_error(request, template_name)
