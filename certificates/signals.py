"""What happened to a certificate, announced once its transaction commits:
``certificate_event`` (sender ``Certificate``; ``certificate``; ``event``: issued,
revoked, reissued or expiring), sent by ``certificates.services`` and received by
``certificates.receivers``, which queues the e-mail (so services never import mail).
"""

from django.db import transaction
from django.dispatch import Signal

from certificates.models import Certificate

certificate_event = Signal()


def announce_certificate_event(certificate: Certificate, event: str) -> None:
    """Send ``certificate_event`` after commit; never if the transaction rolls back."""
    transaction.on_commit(
        lambda: certificate_event.send(
            sender=Certificate, certificate=certificate, event=event
        )
    )
