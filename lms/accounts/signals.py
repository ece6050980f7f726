"""Receivers of the accounts room, connected by ``LmsConfig.ready``.

A new sign-up joins the Learners role; sign-ins, failed sign-ins, sign-outs and role
changes are written to the audit log (``lms.accounts.audit``).
"""

from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed

from lms.accounts import audit
from lms.accounts.roles import LEARNERS

AUDIT_UID = "puente-audit"


def add_new_user_to_learners(sender, request, user, **kwargs):
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    user.groups.add(group)


def connect_receivers() -> None:
    user_signed_up.connect(add_new_user_to_learners, dispatch_uid="puente-learners")
    user_logged_in.connect(audit.log_login, dispatch_uid=f"{AUDIT_UID}-login")
    user_logged_out.connect(audit.log_logout, dispatch_uid=f"{AUDIT_UID}-logout")
    user_login_failed.connect(
        audit.log_login_failed, dispatch_uid=f"{AUDIT_UID}-failed"
    )
    m2m_changed.connect(
        audit.log_role_change,
        sender=get_user_model().groups.through,
        dispatch_uid=f"{AUDIT_UID}-roles",
    )
