"""Receivers: lms's ``course_completed`` signal issues or queues a certificate.

The signal arrives after the completing transaction commits; the work here commits
on its own, and a failure is logged rather than breaking the learner's request.
"""

import logging

from django.dispatch import receiver

from certificates.services import handle_course_completed
from lms.learning.signals import course_completed

logger = logging.getLogger("puente.certificates")


@receiver(course_completed, dispatch_uid="certificates_on_course_completed")
def issue_on_course_completed(sender, enrollment, **kwargs):
    try:
        handle_course_completed(enrollment)
    except Exception:
        logger.exception("Certificate for enrollment %s failed", enrollment.pk)
