"""Language: the URL prefix decides; a signed-in user's choice is remembered.

* ``/`` (no prefix) redirects to the signed-in user's preferred language, otherwise to
  the browser's (Django's ``LocaleMiddleware``).
* Visiting a page under ``/en/`` or ``/es/`` while signed in records that language as
  the user's preference, so emails and the next visit follow it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import get_language_from_path


class PreferredLanguageLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and get_language_from_path(request.path_info) is None
        ):
            translation.activate(user.preferred_language or settings.LANGUAGE_CODE)
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
