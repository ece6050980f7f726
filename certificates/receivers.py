"""Receivers, connected by ``CertificatesConfig.ready``: lms's ``course_completed``
queues the task that issues or queues a certificate (on the worker, so the learner's
request never waits for it: docs/decisions/0010), and this app's
``certificate_event`` queues the learner's e-mail and has the revocation status lists
built again. Both arrive after the causing transaction commits.
"""

import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from certificates.credentials.status import invalidate_status_lists
from certificates.models import (
    LOGO_SNAPSHOT_CACHE_KEY,
    Certificate,
    CertificateRequest,
)
from certificates.signals import certificate_event
from certificates.tasks import issue_certificate_for_completion, send_certificate_email
from lms.learning.learner_cache import forget_learner
from lms.learning.signals import course_completed

logger = logging.getLogger("puente.certificates")
STATUS_EVENTS = ("issued", "revoked", "reissued")


@receiver(course_completed, dispatch_uid="certificates_on_course_completed")
def issue_on_course_completed(sender, enrollment, **kwargs):
    # A task row, not the issue itself: the row is the durable record that this
    # completion still needs its certificate, run by the next worker that starts.
    # Should even the enqueue fail, the sweeper finds the completion later.
    try:
        issue_certificate_for_completion.enqueue(enrollment.pk)
    except Exception:
        logger.exception("Certificate task for enrollment %s not queued", enrollment.pk)


@receiver(certificate_event, dispatch_uid="certificates_email_on_event")
def email_on_certificate_event(sender, certificate, event, **kwargs):
    send_certificate_email.enqueue(certificate.pk, event)


@receiver(certificate_event, dispatch_uid="certificates_status_list_on_event")
def refresh_status_lists(sender, certificate, event, **kwargs):
    # Revoked, reissued, or issued for a new cycle (the old one is superseded).
    if event in STATUS_EVENTS:
        invalidate_status_lists()


def forget_logo_snapshot(sender, **kwargs):
    # The logo's file may have been replaced: the next certificate snapshots it anew.
    cache.delete(LOGO_SNAPSHOT_CACHE_KEY)


post_save.connect(
    forget_logo_snapshot, sender=get_image_model(), dispatch_uid="certificates_logo"
)
post_delete.connect(
    forget_logo_snapshot, sender=get_image_model(), dispatch_uid="certificates_logo_d"
)


def forget_holder(sender, instance, **kwargs):
    # The learner's dashboard and course pages show their certificates and requests.
    forget_learner(instance.user_id)


for _model in (Certificate, CertificateRequest):
    post_save.connect(forget_holder, sender=_model, dispatch_uid=f"holder_{_model}")
    post_delete.connect(forget_holder, sender=_model, dispatch_uid=f"holder_d_{_model}")
