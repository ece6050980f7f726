"""Receivers, connected by ``CertificatesConfig.ready``: lms's ``course_completed``
issues or queues a certificate, and this app's ``certificate_event`` queues the
learner's e-mail and has the revocation status lists built again. Both arrive after
the causing transaction commits; a failure to issue is logged rather than breaking
the learner's request.
"""

import logging

from django.dispatch import receiver

from certificates.credentials.status import invalidate_status_lists
from certificates.services import handle_course_completed
from certificates.signals import certificate_event
from certificates.tasks import send_certificate_email
from lms.learning.signals import course_completed

logger = logging.getLogger("puente.certificates")
STATUS_EVENTS = ("issued", "revoked", "reissued")


@receiver(course_completed, dispatch_uid="certificates_on_course_completed")
def issue_on_course_completed(sender, enrollment, **kwargs):
    try:
        handle_course_completed(enrollment)
    except Exception:
        logger.exception("Certificate for enrollment %s failed", enrollment.pk)


@receiver(certificate_event, dispatch_uid="certificates_email_on_event")
def email_on_certificate_event(sender, certificate, event, **kwargs):
    send_certificate_email.enqueue(certificate.pk, event)


@receiver(certificate_event, dispatch_uid="certificates_status_list_on_event")
def refresh_status_lists(sender, certificate, event, **kwargs):
    # Revoked, reissued, or issued for a new cycle (the old one is superseded).
    if event in STATUS_EVENTS:
        invalidate_status_lists()
