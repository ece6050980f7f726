"""Background work of cohorts (django-tasks): invitations of imported learners.

Arguments are ids, so a task can be stored as JSON; tests run tasks immediately.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from lms.cohorts.invitations import build_invitation_email
from lms.models import Cohort


@task()
def send_cohort_invitation(user_id: int, cohort_id: int) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email or user.has_usable_password():
        return False
    cohort = Cohort.objects.filter(pk=cohort_id).first()
    build_invitation_email(user, cohort).send()
    return True
