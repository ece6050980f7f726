"""Certificate issuing: deciding (``can_issue_certificate``) and doing (issue, approve,
decline, revoke, reissue). Called by the ``course_completed`` receiver, the admin views
and the learner views; never from templates. Every action by a person is written to
Wagtail's audit log; emails are queued (django-tasks) after the transaction commits.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log

from certificates import app_settings
from certificates.models import (
    Certificate,
    CertificateLanguage,
    CertificateRequest,
    CertificateSettings,
    CertificateStatus,
    IssuedFile,
    PaperSize,
    RequestStatus,
    SerialCounter,
    SnapshotImage,
)
from courses.models import CertificateIssueMode, CoursePage
from lms.models import Enrollment

logger = logging.getLogger("puente.certificates")

CODE_BYTES = 18  # 144 random bits, 24 URL-safe characters


class CertificateError(Exception):
    """An action that cannot be done to this certificate (already revoked, ...)."""


class HolderDeletedError(CertificateError):
    """The holder deleted their account: revoke the certificate, do not reissue it."""


# Small helpers -------------------------------------------------------------------


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def default_paper_for(user) -> str:
    if user.country and user.country not in app_settings.letter_countries():
        return PaperSize.A4
    return PaperSize.LETTER


def default_language_for(user) -> str:
    return user.preferred_language if user.preferred_language in ("en", "es") else "en"


def verification_url(certificate: Certificate, language: str | None = None) -> str:
    """Absolute verification URL; ``language`` en/es, or "both" for the neutral one.

    The neutral ``/verify/<code>/`` redirects to the reader's language.
    """
    with translation.override(language if language in ("en", "es") else "en"):
        path = reverse("certificates:verify", args=[certificate.code])
    if language not in ("en", "es"):
        path = path.removeprefix("/en")
    return f"{settings.BASE_URL}{path}"


def _snapshot_image(image) -> SnapshotImage | None:
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError):
        logger.warning("Image %s could not be read for a certificate", image.pk)
        return None
    digest = hashlib.sha256(content).hexdigest()
    snapshot, _created = SnapshotImage.objects.get_or_create(
        sha256=digest, defaults={"content": content}
    )
    return snapshot


def _next_serial(year: int) -> str:
    """Lock this year's counter row and take the next number (inside a transaction)."""
    SerialCounter.objects.get_or_create(year=year)
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{app_settings.serial_prefix()}-{year}-{counter.last_number:06d}"


def _new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def _queue_email(certificate: Certificate, event: str) -> None:
    from certificates.tasks import send_certificate_email

    transaction.on_commit(lambda: send_certificate_email.enqueue(certificate.pk, event))


# Deciding ------------------------------------------------------------------------


def get_valid_certificate(enrollment: Enrollment) -> Certificate | None:
    return Certificate.objects.filter(
        enrollment=enrollment, status=CertificateStatus.VALID
    ).first()


def can_issue_certificate(enrollment: Enrollment) -> bool:
    """The enrollment is complete and has no valid certificate yet."""
    return enrollment.completed_at is not None and not (
        Certificate.objects.filter(
            enrollment=enrollment, status=CertificateStatus.VALID
        ).exists()
    )


def is_renewal_due(enrollment: Enrollment) -> bool:
    """Whether this enrollment's certificate expired or expires within the reminder
    window, so the course may be taken again (lms asks through ``puente_renewal_due``).
    """
    soon = timezone.now() + timedelta(days=app_settings.expiry_reminder_days())
    return Certificate.objects.filter(
        enrollment=enrollment,
        status=CertificateStatus.VALID,
        expires_at__isnull=False,
        expires_at__lte=soon,
    ).exists()


def needs_approval(course: CoursePage) -> bool:
    return course.certificate_issue_mode == CertificateIssueMode.APPROVAL


# Doing ---------------------------------------------------------------------------


def _course_snapshot(course: CoursePage) -> dict:
    signatory = course.signatory
    settings_ = CertificateSettings.load()
    return {
        "course_title_en": course.title_en or course.title,
        "course_title_es": course.title_es or course.title_en or course.title,
        "wording_en": course.certificate_wording_en or "",
        "wording_es": course.certificate_wording_es or "",
        "credit_hours": course.credit_hours,
        "signatory_name": signatory.name if signatory else "",
        "signatory_title_en": (signatory.title_en or "") if signatory else "",
        "signatory_title_es": (signatory.title_es or "") if signatory else "",
        "signature": _snapshot_image(signatory.signature) if signatory else None,
        "logo": _snapshot_image(settings_.logo),
    }


def issue_certificate(
    enrollment: Enrollment, *, issued_by=None, language: str | None = None
) -> Certificate:
    """Issue the enrollment's certificate, or return the valid one it already has.

    Safe to call concurrently: the year's serial counter is locked first, so the
    check for an existing certificate sees every committed issue, and the database
    allows one valid certificate per (learner, course) in any case.
    """
    if enrollment.completed_at is None:
        raise CertificateError("The enrollment is not complete.")
    enrollment = Enrollment.objects.select_related("user", "course").get(
        pk=enrollment.pk
    )
    user, course = enrollment.user, enrollment.course
    snapshot = _course_snapshot(course)
    now = timezone.now()
    try:
        with transaction.atomic():
            serial = _next_serial(now.year)
            existing = get_valid_certificate(enrollment)
            if existing is not None:
                transaction.set_rollback(True)
                return existing
            # An earlier cycle's certificate (expired or about to) gives way.
            previous = list(
                Certificate.objects.select_for_update().filter(
                    user=user, course=course, status=CertificateStatus.VALID
                )
            )
            certificate = Certificate(
                serial=serial,
                code=_new_code(),
                user=user,
                course=course,
                enrollment=enrollment,
                learner_name=user.full_name,
                completed_on=timezone.localdate(enrollment.completed_at),
                language=language or default_language_for(user),
                paper=default_paper_for(user),
                issued_at=now,
                issued_by=issued_by,
                expires_at=(
                    add_months(enrollment.completed_at, months)
                    if (months := course.certificate_validity_months)
                    else None
                ),
                **snapshot,
            )
            for old in previous:
                old.status = CertificateStatus.SUPERSEDED
                old.save(update_fields=["status"])
            certificate.save()
            for old in previous:
                old.superseded_by = certificate
                old.save(update_fields=["superseded_by"])
            CertificateRequest.objects.filter(
                enrollment=enrollment, status=RequestStatus.PENDING
            ).update(
                status=RequestStatus.APPROVED,
                decided_at=now,
                decided_by=issued_by,
                certificate=certificate,
            )
            log(
                certificate,
                "certificates.issue",
                user=issued_by,
                data={"serial": certificate.serial, "automatic": issued_by is None},
            )
            _queue_email(certificate, "issued")
    except IntegrityError:
        # Another process issued it between our check and our insert.
        existing = get_valid_certificate(enrollment)
        if existing is None:
            raise
        return existing
    return certificate


def request_certificate(enrollment: Enrollment) -> CertificateRequest:
    """Put a completed enrollment in the approval queue (idempotent)."""
    request, _created = CertificateRequest.objects.get_or_create(
        enrollment=enrollment,
        defaults={"user_id": enrollment.user_id, "course_id": enrollment.course_id},
    )
    return request


def handle_course_completed(enrollment: Enrollment) -> Certificate | None:
    """Issue now (automatic courses) or queue for approval; None when queued."""
    if not can_issue_certificate(enrollment):
        return None
    if needs_approval(enrollment.course):
        request_certificate(enrollment)
        return None
    return issue_certificate(enrollment)


def approve_certificate_request(request: CertificateRequest, *, by) -> Certificate:
    if request.status == RequestStatus.DECLINED:
        raise CertificateError("The request was declined.")
    with transaction.atomic():
        certificate = issue_certificate(request.enrollment, issued_by=by)
        request.refresh_from_db()
        if request.status != RequestStatus.APPROVED or request.certificate is None:
            request.status = RequestStatus.APPROVED
            request.decided_at = timezone.now()
            request.decided_by = by
            request.certificate = certificate
            request.save()
        log(
            request,
            "certificates.approve",
            user=by,
            data={"serial": certificate.serial},
        )
    return certificate


def decline_certificate_request(
    request: CertificateRequest, *, by, reason: str
) -> CertificateRequest:
    if request.status != RequestStatus.PENDING:
        raise CertificateError("Only a pending request can be declined.")
    with transaction.atomic():
        request.status = RequestStatus.DECLINED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.reason = reason
        request.save()
        log(request, "certificates.decline", user=by, data={"reason": reason})
    return request


def revoke_certificate(certificate: Certificate, *, by, reason: str) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != CertificateStatus.VALID:
            raise CertificateError("Only a valid certificate can be revoked.")
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revocation_reason = reason
        certificate.save()
        log(certificate, "certificates.revoke", user=by, data={"reason": reason})
        _queue_email(certificate, "revoked")
    return certificate


def reissue_certificate(certificate: Certificate, *, by, reason: str) -> Certificate:
    """Replace a valid certificate with a new one (new serial and code).

    The learner's name is taken again from the profile (the usual reason is a name
    correction); the course snapshot, completion date and expiry are kept. The old
    certificate becomes ``superseded`` and its code still resolves.
    """
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != CertificateStatus.VALID:
            raise CertificateError("Only a valid certificate can be reissued.")
        if old.user.is_deleted:
            # The profile was anonymised: a new certificate would print the placeholder
            # instead of the name on the one the holder kept (decision 0010).
            raise HolderDeletedError("The holder deleted their account.")
        now = timezone.now()
        serial = _next_serial(now.year)
        old.status = CertificateStatus.SUPERSEDED
        old.save(update_fields=["status"])
        new = Certificate.objects.get(pk=old.pk)
        new.pk = None
        new.serial = serial
        new.code = _new_code()
        new.learner_name = old.user.full_name
        new.status = CertificateStatus.VALID
        new.issued_at = now
        new.issued_by = by
        new.expiry_reminder_sent_at = None
        new.save()
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        log(
            new,
            "certificates.reissue",
            user=by,
            data={"reason": reason, "replaces": old.serial},
        )
        _queue_email(new, "reissued")
    return new


# Files and look-ups --------------------------------------------------------------


def render_certificate_file(
    certificate: Certificate, *, language: str | None = None, paper: str | None = None
) -> bytes:
    """A PDF variant of the certificate, rendered once and then handed out as stored.

    The first rendering of a variant (usually by the issue e-mail's task, on the
    worker) is kept in the default storage under its SHA-256, and its hash is
    remembered for the "check a PDF" form. Later downloads and ZIPs read those bytes
    (one query and a file read instead of ~18 ms of fonts, QR code and images), so
    the holder's file, every download and every ZIP are the same document.
    """
    language = language or certificate.language
    paper = paper or certificate.paper
    digest = (
        IssuedFile.objects.filter(
            certificate=certificate, language=language, paper=paper
        )
        .order_by("pk")
        .values_list("sha256", flat=True)
        .first()
    )
    if digest is not None:
        data = _read_stored_pdf(digest)
        if data is not None:
            return data

    from certificates.pdf import render_certificate_pdf

    data = render_certificate_pdf(certificate, language=language, paper=paper)
    digest = hashlib.sha256(data).hexdigest()
    IssuedFile.objects.get_or_create(
        sha256=digest,
        defaults={"certificate": certificate, "language": language, "paper": paper},
    )
    _store_pdf(digest, data)
    return data


def _stored_pdf_name(digest: str) -> str:
    # Never served by the web server (docs/deployment.md: only media/images/ is).
    return f"certificates/issued/{digest}.pdf"


def _read_stored_pdf(digest: str) -> bytes | None:
    name = _stored_pdf_name(digest)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    # A damaged or replaced file is rendered again rather than handed out.
    return data if hashlib.sha256(data).hexdigest() == digest else None


def _store_pdf(digest: str, data: bytes) -> None:
    name = _stored_pdf_name(digest)
    if default_storage.exists(name):
        default_storage.delete(name)  # damaged (it did not match its hash)
    default_storage.save(name, ContentFile(data))


def find_issued_file(data: bytes) -> IssuedFile | None:
    digest = hashlib.sha256(data).hexdigest()
    return (
        IssuedFile.objects.select_related("certificate").filter(sha256=digest).first()
    )


def get_certificate_for_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()


def get_certificates_for_user(user) -> list[Certificate]:
    return list(
        Certificate.objects.filter(user=user)
        .exclude(status=CertificateStatus.SUPERSEDED)
        .select_related("course")
        .order_by("-issued_at", "-pk")
    )


def get_pending_requests_for_user(user) -> list[CertificateRequest]:
    return list(
        CertificateRequest.objects.filter(
            user=user, status=RequestStatus.PENDING
        ).select_related("course")
    )


def get_certificates_due_for_reminder(now: datetime | None = None):
    now = now or timezone.now()
    horizon = now + timedelta(days=app_settings.expiry_reminder_days())
    return Certificate.objects.filter(
        status=CertificateStatus.VALID,
        expires_at__gt=now,
        expires_at__lte=horizon,
        expiry_reminder_sent_at__isnull=True,
    )


def queue_expiry_reminders(now: datetime | None = None) -> int:
    """Queue one reminder per certificate expiring soon; returns how many."""
    count = 0
    for certificate in get_certificates_due_for_reminder(now):
        updated = Certificate.objects.filter(
            pk=certificate.pk, expiry_reminder_sent_at__isnull=True
        ).update(expiry_reminder_sent_at=timezone.now())
        if updated:
            _queue_email(certificate, "expiring")
            count += 1
    return count


__all__ = [
    "CertificateError",
    "CertificateLanguage",
    "approve_certificate_request",
    "can_issue_certificate",
    "decline_certificate_request",
    "find_issued_file",
    "get_certificate_for_code",
    "get_certificates_for_user",
    "handle_course_completed",
    "issue_certificate",
    "is_renewal_due",
    "queue_expiry_reminders",
    "reissue_certificate",
    "render_certificate_file",
    "request_certificate",
    "revoke_certificate",
    "verification_url",
]
