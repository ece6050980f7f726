"""The staff member's admin language and Wagtail's account page for Puente's users.

The learner site remembers the language of the last /en/ or /es/ page visited
(``middleware.RememberLanguageMiddleware``); the admin keeps its own, chosen on
Wagtail's account page (``UserProfile.preferred_language``). Until a staff member
chooses, the admin takes the site language they had when they first opened it, and
keeps it. ``middleware.PreferredLanguageLocaleMiddleware`` asks
``get_admin_language`` on admin URLs; ``users_app.PuenteUsersAppConfig`` installs
the account page's forms (our User has ``full_name``, not first and last names).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import LocalePreferencesForm
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

# Wagtail's own message after saving the account page, listed here so that
# locale/es keeps its Mexican wording (usted) instead of Wagtail's (tú).
ACCOUNT_SAVED = _("Your account settings have been changed successfully!")


def _admin_languages() -> dict[str, str]:
    return {
        code: get_language_info(code)["name_local"].capitalize()
        for code, _name in get_available_admin_languages()
    }


def get_admin_language(user) -> str:
    """The language of the admin for ``user`` (a staff member).

    The one chosen on the account page; if none was chosen, the site language the
    person has now, stored as their admin language so later visits to the site in
    the other language do not change the admin.
    """
    languages = _admin_languages()
    try:
        profile = user.wagtail_userprofile
    except ObjectDoesNotExist:
        profile = None
    if profile is not None and profile.preferred_language in languages:
        return profile.preferred_language
    language = getattr(user, "preferred_language", "")
    if language not in languages:
        language = settings.LANGUAGE_CODE
    profile, _created = UserProfile.objects.update_or_create(
        user=user, defaults={"preferred_language": language}
    )
    user.wagtail_userprofile = profile
    return language


class AccountNameForm(forms.ModelForm):
    """The account page's name panel: the one name field Puente has (e-mail
    addresses are managed by allauth, with verification, on the site)."""

    class Meta:
        model = get_user_model()
        fields = ["full_name"]


class AdminLanguageForm(LocalePreferencesForm):
    """The account page's language: English or Español, always one of them (no
    "server language", which would make the admin follow the site again)."""

    preferred_language = forms.ChoiceField(
        label=_("Language of the administration area"),
        choices=lambda: sorted(_admin_languages().items()),
        help_text=_(
            "Kept whatever language you read the site in; the site has its own "
            "language switcher."
        ),
    )


def install_account_forms() -> None:
    """Point Wagtail's account page at Puente's forms.

    Wagtail 8.0.1's ``AccountView.get_panels`` builds ``NameEmailSettingsPanel`` and
    ``LocaleSettingsPanel`` and reads their ``form_class``; its stock name form asks
    for the first and last names our User does not have, so the page could not be
    saved. tests/compat/test_wagtail_account_compat.py fails if that changes.
    """
    from wagtail.admin.views.account import LocaleSettingsPanel, NameEmailSettingsPanel

    NameEmailSettingsPanel.form_class = AccountNameForm
    LocaleSettingsPanel.form_class = AdminLanguageForm
