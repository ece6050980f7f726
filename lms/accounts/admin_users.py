"""Wagtail's user admin adapted to ``lms.User`` (email login, one full-name field)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.models import User

PROFILE_FIELDS = [
    "full_name",
    "agency",
    "agency_type",
    "country",
    "state",
    "job_title",
    "preferred_language",
]


class ProfileFieldsMixin:
    @property
    def profile_fields(self):
        return [self[name] for name in PROFILE_FIELDS]


class PuenteUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["email", *PROFILE_FIELDS, "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class PuenteUserEditForm(ProfileFieldsMixin, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        model = User
        fields = ["email", *PROFILE_FIELDS, "is_active", "is_superuser", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}
        labels = {"is_superuser": _("Administrator")}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PuenteUserEditForm if for_update else PuenteUserCreationForm
