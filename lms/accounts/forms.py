"""Sign-up and profile forms: the profile that certificates print."""

import unicodedata

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.models import User

CHOOSE = ("", _("Choose…"))

PROFILE_FIELDS = [
    "full_name",
    "agency",
    "agency_type",
    "country",
    "state",
    "job_title",
    "preferred_language",
]


def clean_full_name(value: str) -> str:
    """Keep the name exactly as typed, less surrounding space and invisible controls."""
    value = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in value):
        raise forms.ValidationError(
            _("Your name contains characters that cannot be printed.")
        )
    if not value:
        raise forms.ValidationError(_("Enter your full name."))
    return value


class ProfileFieldsMixin:
    def clean_full_name(self):
        return clean_full_name(self.cleaned_data.get("full_name", ""))


class SignupForm(ProfileFieldsMixin, AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Exactly as it must appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    agency = forms.CharField(
        label=_("Agency"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # No answer is chosen for the person: an officer in Mexico must not find
    # "United States" and "Police or sheriff" already picked.
    agency_type = forms.ChoiceField(
        label=_("Agency type"),
        choices=[CHOOSE, *User._meta.get_field("agency_type").choices],
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[CHOOSE, *User._meta.get_field("country").choices]
    )
    state = forms.CharField(label=_("State"), max_length=100)
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=User._meta.get_field("preferred_language").choices,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()
        # Profile first, then the email and password allauth asks for.
        order = PROFILE_FIELDS + [
            name for name in self.fields if name not in PROFILE_FIELDS
        ]
        self.order_fields(order)

    def try_save(self, request):
        if self.account_already_exists:
            # A taken address costs what a new account costs: the password is hashed
            # (and thrown away), so timing does not tell that the account exists.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "agency": forms.TextInput(attrs={"autocomplete": "organization"}),
        }


class DeleteAccountForm(forms.Form):
    """Deleting needs the password again: a session left open must not be enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Nothing has been deleted.")
            )
        return password
