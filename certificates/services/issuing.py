"""Issuing and the actions on an issued certificate: issue (idempotent), request,
approve, decline, revoke, reissue, with serials, codes and snapshots. Called by the
``course_completed`` receiver, the admin, account deletion and the demo activity.
Every action by a person goes to Wagtail's audit log; every change is announced
after commit (``certificates.signals``, where the e-mails listen).
"""

from __future__ import annotations

import calendar
import logging
import secrets
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from certificates import app_settings
from certificates.credentials.snapshot import credential_snapshot, email_identity
from certificates.errors import (
    NOT_COMPLETE,
    NOT_VALID,
    REQUEST_DECLINED,
    REQUEST_NOT_PENDING,
    CertificateError,
    HolderDeletedError,
)
from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
    SerialCounter,
)
from certificates.services.deciding import (
    can_issue_certificate,
    default_language_for,
    default_paper_for,
    get_valid_certificate,
    needs_approval,
)
from certificates.services.snapshots import course_snapshot, printed_course
from certificates.signals import announce_certificate_event
from lms.models import Enrollment, User

logger = logging.getLogger("puente.certificates")

CODE_BYTES = 18  # 144 random bits, 24 URL-safe characters


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# Serials, codes and snapshots ------------------------------------------------------


def _next_serial(year: int) -> str:
    """Take this year's next number (inside a transaction): one UPDATE that locks
    the counter row until the transaction ends and returns the new number."""
    table = connection.ops.quote_name(SerialCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 "  # noqa: S608
            "WHERE year = %s RETURNING last_number",
            [year],
        )
        row = cursor.fetchone()
    if row is None:  # the year's first certificate
        SerialCounter.objects.get_or_create(year=year)
        return _next_serial(year)
    return f"{app_settings.serial_prefix()}-{year}-{row[0]:06d}"


def _new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


# Issuing ---------------------------------------------------------------------------


def _not_complete() -> CertificateError:
    return CertificateError(_("The enrollment is not complete."), code=NOT_COMPLETE)


def issue_certificate(
    enrollment: Enrollment | int,
    *,
    issued_by: User | None = None,
    language: str | None = None,
) -> Certificate:
    """Issue the enrollment's certificate, or return the valid one it already has.

    Safe to call concurrently: the year's serial counter is locked first, so the
    check for an existing certificate sees every committed issue, and the database
    allows one valid certificate per (learner, course) in any case. ``enrollment``
    may be an id (the approval queue has only that).
    """
    if isinstance(enrollment, Enrollment) and enrollment.completed_at is None:
        raise _not_complete()
    enrollment = Enrollment.objects.select_related("user").get(
        pk=enrollment if isinstance(enrollment, int) else enrollment.pk
    )
    # The stored date counts (a caller's copy may be older than a later correction).
    completed_at = enrollment.completed_at
    if completed_at is None:
        raise _not_complete()
    user, course = enrollment.user, printed_course(enrollment.course_id)
    snapshot = course_snapshot(course)
    now = timezone.now()
    try:
        with transaction.atomic():
            serial = _next_serial(now.year)
            # This enrollment's valid certificate, and an earlier cycle's (expired
            # or about to), which gives way: one locked read.
            previous = list(
                Certificate.objects.select_for_update().filter(
                    Q(enrollment=enrollment) | Q(user=user, course=course),
                    status=CertificateStatus.VALID,
                )
            )
            existing = next(
                (c for c in previous if c.enrollment_id == enrollment.pk), None
            )
            if existing is not None:
                transaction.set_rollback(True)
                return existing
            certificate = Certificate(
                serial=serial,
                code=_new_code(),
                user=user,
                course=course,
                enrollment=enrollment,
                learner_name=user.full_name,
                completed_on=timezone.localdate(completed_at),
                language=language or default_language_for(user),
                paper=default_paper_for(user),
                issued_at=now,
                issued_by=issued_by,
                expires_at=(
                    add_months(completed_at, months)
                    if (months := course.certificate_validity_months)
                    else None
                ),
                credential_snapshot=credential_snapshot(course, user),
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
            announce_certificate_event(certificate, "issued")
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


# Deciding requests ---------------------------------------------------------------


def approve_certificate_request(
    request: CertificateRequest, *, by: User | None
) -> Certificate:
    if request.status == RequestStatus.DECLINED:
        raise CertificateError(_("The request was declined."), code=REQUEST_DECLINED)
    with transaction.atomic():
        certificate = issue_certificate(request.enrollment_id, issued_by=by)
        # A new certificate approved the pending request as it was issued; this
        # decides one whose certificate already existed (issued by hand, say).
        now = timezone.now()
        CertificateRequest.objects.filter(pk=request.pk).exclude(
            status=RequestStatus.APPROVED, certificate__isnull=False
        ).update(
            status=RequestStatus.APPROVED,
            decided_at=now,
            decided_by=by,
            certificate=certificate,
        )
        request.status, request.certificate = RequestStatus.APPROVED, certificate
        request.decided_at, request.decided_by = request.decided_at or now, by
        log(
            request,
            "certificates.approve",
            user=by,
            data={"serial": certificate.serial},
            # str(request), from the learner the issue has already read.
            title=f"{certificate.user} · {request.course_id}",
        )
    return certificate


def decline_certificate_request(
    request: CertificateRequest, *, by: User | None, reason: str
) -> CertificateRequest:
    if request.status != RequestStatus.PENDING:
        raise CertificateError(
            _("Only a pending request can be declined."), code=REQUEST_NOT_PENDING
        )
    with transaction.atomic():
        request.status = RequestStatus.DECLINED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.reason = reason
        request.save()
        log(request, "certificates.decline", user=by, data={"reason": reason})
    return request


# Revoking and reissuing ------------------------------------------------------------


def revoke_certificate(
    certificate: Certificate, *, by: User | None, reason: str
) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != CertificateStatus.VALID:
            raise CertificateError(
                _("Only a valid certificate can be revoked."), code=NOT_VALID
            )
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revocation_reason = reason
        certificate.save()
        log(certificate, "certificates.revoke", user=by, data={"reason": reason})
        announce_certificate_event(certificate, "revoked")
    return certificate


def reissue_certificate(
    certificate: Certificate, *, by: User | None, reason: str
) -> Certificate:
    """Replace a valid certificate with a new one (new serial and code).

    The learner's name is taken again from the profile (the usual reason is a name
    correction); the course snapshot, completion date and expiry are kept. The old
    certificate becomes ``superseded`` and its code still resolves.
    """
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != CertificateStatus.VALID:
            raise CertificateError(
                _("Only a valid certificate can be reissued."), code=NOT_VALID
            )
        if old.user.is_deleted:
            # The profile was anonymised: a new certificate would print the placeholder
            # instead of the name on the one the holder kept (decision 0005).
            raise HolderDeletedError
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
        # A new credential: signed afresh on first use, the e-mail hashed again.
        new.credential_jws = new.offline_jws = ""
        new.credential_snapshot = {
            **(old.credential_snapshot or {}),
            "email": email_identity(old.user.email),
        }
        new.save()
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        log(
            new,
            "certificates.reissue",
            user=by,
            data={"reason": reason, "replaces": old.serial},
        )
        announce_certificate_event(new, "reissued")
    return new
