"""allauth adapter: saves the profile at sign-up; mails in the reader's language,
signed with the site's name, queued for the worker (``lms.accounts.tasks``: the same
work whether or not the address has an account); signing out leads to the home page
in the language the person was using."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from lms.accounts.forms import PROFILE_FIELDS
from lms.accounts.tasks import queue_account_mail


@dataclass(frozen=True)
class SiteName:
    """What allauth's e-mails call ``current_site``: the name people know (not the
    host, which is all Django's RequestSite has without django.contrib.sites)."""

    name: str
    domain: str


def site_name_for(request) -> SiteName:
    domain = get_current_site(request).domain if request is not None else ""
    site = Site.find_for_request(request) if request is not None else None
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    return SiteName(name=name, domain=domain)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        for name in PROFILE_FIELDS:
            if name in form.cleaned_data:
                setattr(user, name, form.cleaned_data[name])
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = (
            getattr(user, "preferred_language", None) or translation.get_language()
        )
        context = {
            "request": self.request,
            "email": email,
            "current_site": site_name_for(self.request),
            **context,
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_account_mail(message)

    def get_logout_redirect_url(self, request):
        # The request's language is the one in its URL (/es/accounts/logout/): the
        # next page keeps it instead of letting the browser's language choose at /.
        return reverse("wagtail_serve", args=[""])
