"""The issuer's public, language-neutral documents for verifiers and wallets: its
profile, its keys (one JWK, and the JWK set at ``/.well-known/jwks.json``), the
signed revocation status lists and the achievement links. Cacheable: each answer
has an ETag and Cache-Control, and a status list changes when a status does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from certificates.credentials import links
from certificates.credentials.builder import OB_CONTEXT, VC_CONTEXT, issuer_profile
from certificates.credentials.keys import get_key_set
from certificates.credentials.signing import VC_MEDIA_TYPE
from certificates.credentials.status import get_status_list, is_list_in_use
from courses.models import CoursePage

KEYS_MAX_AGE = 60 * 60
STATUS_MAX_AGE = 5 * 60


def _cached(
    request: HttpRequest,
    body: bytes,
    content_type: str,
    max_age: int,
    etag: str | None = None,
) -> HttpResponse:
    etag = etag or '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers elsewhere
    return response


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).encode()


def public_jwks() -> dict[str, Any]:
    """Every key, active and retired, public half only, ``kid`` its URL."""
    return {
        "keys": [
            {
                **key.public_jwk,
                "kid": links.key_url(key.kid),
                "use": "sig",
                "alg": "EdDSA",
            }
            for key in get_key_set().keys
        ]
    }


@require_safe
def jwks(request: HttpRequest) -> HttpResponse:
    return _cached(
        request, _json(public_jwks()), "application/jwk-set+json", KEYS_MAX_AGE
    )


@require_safe
def key(request: HttpRequest, kid: str) -> HttpResponse:
    found = get_key_set().find(kid)
    if found is None:
        raise Http404
    jwk = {
        **found.public_jwk,
        "kid": links.key_url(found.kid),
        "use": "sig",
        "alg": "EdDSA",
    }
    return _cached(request, _json(jwk), "application/jwk+json", KEYS_MAX_AGE)


@require_safe
def issuer(request: HttpRequest) -> HttpResponse:
    """The issuer's OB 3.0 profile (English, with the Spanish translation) and
    where its keys are."""
    profile = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        **issuer_profile("en"),
        "jwks": links.jwks_url(),
    }
    return _cached(request, _json(profile), "application/json", KEYS_MAX_AGE)


@require_safe
def status_list(request: HttpRequest, number: int) -> HttpResponse:
    if not is_list_in_use(number):
        raise Http404
    found = get_status_list(number)
    return _cached(
        request, found.jws.encode(), VC_MEDIA_TYPE, STATUS_MAX_AGE, etag=found.etag
    )


@require_safe
def achievement(request: HttpRequest, course_id: int) -> HttpResponse:
    """An achievement's id leads to its course page (objectives and description)."""
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    url = course.get_url(request)
    if not url:
        raise Http404
    return redirect(url)
