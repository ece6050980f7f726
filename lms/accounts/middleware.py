"""Request middleware of lms: language, staff two-factor, caching, audit context and
the Content Security Policy.

Language: the URL prefix decides; a signed-in user's choice is remembered.

* ``/`` (no prefix) redirects to the signed-in user's preferred language, otherwise to
  the browser's (Django's ``LocaleMiddleware``).
* Visiting a page under ``/en/`` or ``/es/`` while signed in records that language as
  the user's preference, so emails and the next visit follow it.
* The admin (``/admin/``) has its own language, chosen on Wagtail's account page and
  not changed by visiting the site (``lms.accounts.admin_account``).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from lms.accounts.admin_account import get_admin_language
from lms.accounts.audit import current_request
from lms.accounts.mfa import (
    ADMIN_PATH_PREFIXES,
    MFA_SETUP,
    get_admin_mfa_step,
    is_admin_path,
)


class PreferredLanguageLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and get_language_from_path(request.path_info) is None
        ):
            language = user.preferred_language or settings.LANGUAGE_CODE
            if request.path_info.startswith(ADMIN_PATH_PREFIXES) and user.has_perm(
                "wagtailadmin.access_admin"
            ):
                language = get_admin_language(user)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)


class RememberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = get_language_from_path(request.path_info)
        if (
            language
            and user is not None
            and user.is_authenticated
            and user.preferred_language != language
        ):
            get_user_model().objects.filter(pk=user.pk).update(
                preferred_language=language
            )
            user.preferred_language = language
        return self.get_response(request)


class AuditContextMiddleware:
    """Makes the request known to the audit receivers (actor and IP of role changes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class StaffMFAMiddleware:
    """Staff must set up an authenticator app before they reach any admin URL.

    With one set up, allauth asks for its code at sign-in, so a session that has not
    passed the code is not signed in at all. A session signed in before the app was
    set up (elsewhere) is asked for a code before it enters the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_path(request.path_info):
            return self.get_response(request)
        step = get_admin_mfa_step(request)
        if step is None:
            return self.get_response(request)
        language = request.user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            if step == MFA_SETUP:
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication with an authenticator "
                        "app before using the administration area."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
            url = reverse("mfa_reauthenticate")
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


class PreviewFramingCSPMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), with one exception:
    a page rendered as Wagtail's preview may be framed by the site's own origin.

    The editor shows the preview in an iframe of the admin; with ``frame-ancestors
    'none'`` the browser refuses to draw it. ``request.is_preview`` is set by Wagtail
    only on the request it builds to render a preview for a signed-in editor (never
    from anything the client sends), so every other response keeps ``'none'``.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class NoStoreForAuthenticatedMiddleware:
    """Pages for a signed-in person are never stored by browsers or proxies.

    Anonymous responses are left alone so public pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
