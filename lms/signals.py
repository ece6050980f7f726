"""Every new account is a learner."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.dispatch import receiver

from .roles import LEARNERS


@receiver(user_signed_up)
def add_new_user_to_learners(sender, request, user, **kwargs):
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    user.groups.add(group)
