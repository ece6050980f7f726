"""Wagtail's user admin adapted to ``lms.User`` (email login, one full-name field),
and the one scoped door into it: a program administrator, who holds
``lms.correct_learner_name`` but not ``lms.change_user``, sees the learners only and
may correct a learner's name (the name printed on new certificates), never a staff
account, a role, a password or an address. Every change of a name is audited.
The policy is registered from ``lms/wagtail_hooks.py``; the viewset by
``lms.accounts.users_app``.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import EditView as WagtailEditView
from wagtail.users.views.users import IndexView as WagtailIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.accounts.forms import PROFILE_FIELDS
from lms.accounts.roles import CORRECT_NAME, get_learners
from lms.models import User
from lms.reports.listing import CountedPaginator

NAME_ACTION = "lms.learner_name"
CORRECT_NAME_PERMISSION = ".".join(CORRECT_NAME)


def may_change_any_user(user) -> bool:
    return user.has_perm("lms.change_user")


def may_only_correct_names(user) -> bool:
    return not may_change_any_user(user) and user.has_perm(CORRECT_NAME_PERMISSION)


class UserPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions on users, plus "change" for those who may only
    correct learners' names, and for them on learners' accounts only. (Wagtail's
    bulk actions on users check ``change_user`` itself, so they stay closed.)"""

    def user_has_permission(self, user, action):
        if action == "change" and may_only_correct_names(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if may_only_correct_names(user):
            if action != "change":
                return False
            return get_learners().filter(pk=instance.pk).exists()
        return super().user_has_permission_for_instance(user, action, instance)


class ProfileFieldsMixin:
    @property
    def profile_fields(self):
        return [self[name] for name in PROFILE_FIELDS if name in self.fields]


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


class LearnerNameForm(ProfileFieldsMixin, forms.ModelForm):
    """The learner's name and nothing else."""

    required_css_class = "required"

    class Meta:
        model = User
        fields = ["full_name"]
        help_texts = {
            "full_name": _(
                "As it should be printed on certificates. A certificate already "
                "issued keeps the old name until it is reissued (Certificates → "
                "Manage → Reissue with the current profile name)."
            )
        }

    def __init__(self, *args, editing_self=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class IndexView(WagtailIndexView):
    """Learners only, for those who may only correct names: their name, address,
    agency and last sign-in, without bulk actions or access levels."""

    paginator_class = CountedPaginator

    @cached_property
    def name_only(self) -> bool:
        return may_only_correct_names(self.request.user)

    def get_base_queryset(self):
        users = super().get_base_queryset()
        return (
            users.filter(pk__in=get_learners().values("pk"))
            if self.name_only
            else users
        )

    @cached_property
    def columns(self):
        columns = super().columns
        if not self.name_only:
            return columns
        name = next(c for c in columns if c.name == "name")
        return [
            name,
            Column("email", label=_("Email"), sort_key="email"),
            Column("agency", label=_("Agency"), sort_key="agency"),
            DateColumn("last_login", label=_("Last sign-in"), sort_key="last_login"),
        ]

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.name_only:
            paginator.label = lambda n: (
                ngettext("%(count)s learner", "%(count)s learners", n) % {"count": n}
            )
        return paginator

    @cached_property
    def page_title(self):
        return _("Learners") if self.name_only else super().page_title


class EditView(WagtailEditView):
    """The name form on a learner's account (any other is refused, as Wagtail
    refuses: back to the admin home with a message) for those who may only correct
    names; Wagtail's form for everyone else. Either way, a changed name is logged
    with the old and the new value."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if may_only_correct_names(self.request.user) and not (
            get_learners().filter(pk=obj.pk).exists()
        ):
            raise PermissionDenied
        self.name_before = obj.full_name
        return obj

    def get_form_class(self):
        if may_only_correct_names(self.request.user):
            return LearnerNameForm
        return super().get_form_class()

    def save_instance(self):
        instance = super().save_instance()
        if "full_name" in self.form.changed_data:
            log(
                instance,
                NAME_ACTION,
                user=self.request.user,
                data={"from": self.name_before, "to": instance.full_name},
            )
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["name_only"] = isinstance(context.get("form"), LearnerNameForm)
        return context


class UserViewSet(WagtailUserViewSet):
    index_view_class = IndexView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return PuenteUserEditForm if for_update else PuenteUserCreationForm
