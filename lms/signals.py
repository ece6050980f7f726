"""Signals lms sends, and the receivers lms itself needs.

``course_completed`` is sent once per enrollment, after the transaction that
recorded the completion commits (``transaction.on_commit``), with the keyword
argument ``enrollment`` (an ``lms.models.Enrollment`` whose ``completed_at`` is
set). ``sender`` is the ``Enrollment`` class. certificates subscribes to it to
issue certificates; receivers run outside the completing transaction, so they
must be idempotent and commit their own work.
"""

from allauth.account.signals import user_signed_up
from django.contrib.auth.models import Group
from django.dispatch import Signal, receiver

from .roles import LEARNERS

course_completed = Signal()


@receiver(user_signed_up)
def add_new_user_to_learners(sender, request, user, **kwargs):
    group, _created = Group.objects.get_or_create(name=LEARNERS)
    user.groups.add(group)
