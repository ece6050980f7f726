"""Background work of cohorts (django-tasks): invitations of imported learners.

Arguments are ids, so a task can be stored as JSON; tests run tasks immediately. The
send goes through ``lms.ops.once.run_once``: a task run again after its worker died
does not invite twice.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from lms.cohorts.invitations import build_invitation_email
from lms.models import Cohort
from lms.ops.once import run_once


@task(takes_context=True)
def send_cohort_invitation(context, user_id: int, cohort_id: int) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email or user.has_usable_password():
        return False
    cohort = Cohort.objects.filter(pk=cohort_id).first()
    run_once(context, build_invitation_email(user, cohort).send)
    return True
