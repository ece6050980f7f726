"""Issuing, approving, declining, revoking, reissuing; emails; expiry; the journey."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from pypdf import PdfReader

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from certificates.services import (
    CertificateError,
    approve_certificate_request,
    can_issue_certificate,
    decline_certificate_request,
    handle_course_completed,
    issue_certificate,
    reissue_certificate,
    revoke_certificate,
)
from tests.certificates.support import complete, make_learner, url

pytestmark = pytest.mark.django_db

SERIAL = re.compile(r"^PUE-\d{4}-\d{6}$")


def test_issue_is_idempotent_and_snapshots(enrollment, course):
    assert can_issue_certificate(enrollment)
    certificate = issue_certificate(enrollment)
    again = issue_certificate(enrollment)
    assert again.pk == certificate.pk
    assert Certificate.objects.count() == 1
    assert not can_issue_certificate(enrollment)
    assert SERIAL.match(certificate.serial)
    assert len(certificate.code) >= 22
    assert certificate.learner_name == enrollment.user.full_name
    assert certificate.course_title_es == course.title_es
    assert certificate.wording_es == "concluyó satisfactoriamente el curso"
    assert certificate.signatory_title_es == "Directora del Programa"
    assert certificate.credit_hours == course.credit_hours
    assert certificate.issued_by is None
    assert certificate.expires_at is None


def test_serials_are_sequential_per_year(roles, course):
    serials = [
        issue_certificate(complete(make_learner(roles), course)).serial
        for _ in range(3)
    ]
    numbers = [int(serial.rsplit("-", 1)[1]) for serial in serials]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert serials[0].split("-")[1] == str(timezone.now().year)


def test_incomplete_enrollment_cannot_be_issued(learner, course):
    from lms.learning.services.enrollment import enroll_user

    enrollment = enroll_user(learner, course)
    assert not can_issue_certificate(enrollment)
    with pytest.raises(CertificateError):
        issue_certificate(enrollment)


def test_database_allows_one_valid_certificate_per_learner_course(certificate):
    duplicate = Certificate.objects.get(pk=certificate.pk)
    duplicate.pk = None
    duplicate.serial = "PUE-1999-000001"
    duplicate.code = "x" * 24
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_expiry_follows_validity_months(learner, course):
    course.certificate_validity_months = 24
    course.save()
    enrollment = complete(learner, course)
    certificate = issue_certificate(enrollment)
    completed = enrollment.completed_at
    assert certificate.expires_at.year == completed.year + 2
    assert certificate.expires_at.month == completed.month


def test_approval_mode_queues_then_approves(enrollment, course, program_admin):
    course.certificate_issue_mode = "approval"
    course.save()
    assert handle_course_completed(enrollment) is None
    request = CertificateRequest.objects.get()
    assert request.status == RequestStatus.PENDING
    assert not Certificate.objects.exists()

    certificate = approve_certificate_request(request, by=program_admin)
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert request.certificate == certificate
    assert certificate.issued_by == program_admin


def test_decline_keeps_a_reason(enrollment, course, program_admin):
    course.certificate_issue_mode = "approval"
    course.save()
    handle_course_completed(enrollment)
    request = CertificateRequest.objects.get()
    decline_certificate_request(request, by=program_admin, reason="Duplicate account")
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert request.reason == "Duplicate account"
    with pytest.raises(CertificateError):
        approve_certificate_request(request, by=program_admin)


def test_revoke_and_reissue(certificate, program_admin, learner, outbox):
    learner.full_name = "José Núñez Peña"
    learner.save()
    new = reissue_certificate(certificate, by=program_admin, reason="Name corrected")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
    assert certificate.superseded_by == new
    assert new.serial != certificate.serial and new.code != certificate.code
    assert new.learner_name == "José Núñez Peña"
    assert new.completed_on == certificate.completed_on

    revoke_certificate(new, by=program_admin, reason="Fraud")
    new.refresh_from_db()
    assert new.status == CertificateStatus.REVOKED
    assert new.revoked_by == program_admin
    assert new.revocation_reason == "Fraud"
    with pytest.raises(CertificateError) as refused:
        revoke_certificate(new, by=program_admin, reason="again")
    assert refused.value.code == "not_valid"
    with override("es"):
        assert str(refused.value.message) == (
            "Solo se puede revocar una constancia vigente."
        )
    # A new certificate may be issued after revocation.
    assert can_issue_certificate(new.enrollment)


@pytest.mark.parametrize(
    ("language", "subject_word", "body_words"),
    [
        ("en", "certificate", ["Anyone can check"]),
        ("es", "constancia", ["Cualquier persona puede comprobar"]),
    ],
)
def test_emails_in_the_learners_language(
    roles,
    course,
    program_admin,
    outbox,
    django_capture_on_commit_callbacks,
    language,
    subject_word,
    body_words,
):
    learner = make_learner(roles, preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(complete(learner, course))
    assert len(outbox) == 1
    issued = outbox[0]
    assert issued.to == [learner.email]
    assert subject_word in issued.subject.lower()
    for word in body_words:
        assert word in issued.body
    assert f"/{language}/verify/{certificate.code}/" in issued.body
    (filename, data, mimetype) = issued.attachments[0]
    assert mimetype == "application/pdf"
    assert learner.full_name in PdfReader(io.BytesIO(data)).pages[0].extract_text()

    with django_capture_on_commit_callbacks(execute=True):
        new = reissue_certificate(certificate, by=program_admin, reason="Name")
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(new, by=program_admin, reason="Mistake")
    assert len(outbox) == 3
    assert outbox[1].attachments
    assert new.serial in outbox[1].body
    assert not outbox[2].attachments
    assert "Mistake" in outbox[2].body


def test_nothing_is_mailed_when_the_issuing_transaction_rolls_back(
    enrollment, outbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        issue_certificate(enrollment)
        raise RuntimeError("the caller's transaction fails later")
    assert not Certificate.objects.exists()
    assert outbox == []


def test_expiry_reminders_are_queued_once(
    certificate, outbox, django_capture_on_commit_callbacks
):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_certificate_expiry_reminders", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_certificate_expiry_reminders", stdout=io.StringIO())
    assert len(outbox) == 1
    assert "expires" in outbox[0].subject


def test_new_learner_journey_in_spanish(
    roles, course, client, program_admin, outbox, django_capture_on_commit_callbacks
):
    """The issue's "must show": complete a course in Spanish → automatic certificate
    → Spanish email with the link → the PDF shows the accented name → its URL opens
    a "valid" page; an administrator revokes it → "revoked", and the audit log names
    them; an edited copy of the PDF does not match, the original does."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import ModelLogEntry

    from tests.certificates.support import edit_pdf

    learner = make_learner(
        roles, full_name="José Núñez Peña", preferred_language="es", country="MX"
    )
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("lms_enroll", course.pk, lang="es"))
        client.post(url("lms_acknowledge_note", course.pk, lang="es"))
        for lesson in course.lessons:
            client.post(url("lms_lesson_complete", lesson.pk, lang="es"))
    certificate = Certificate.objects.get(user=learner)
    assert certificate.issued_by is None

    assert len(outbox) == 1
    message = outbox[0]
    assert "constancia" in message.subject.lower()
    link = re.search(r"https?://\S+/es/verify/\S+/", message.body).group(0)
    attached = message.attachments[0][1]
    text = PdfReader(io.BytesIO(attached)).pages[0].extract_text()
    assert "José Núñez Peña" in text
    client.logout()
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    assert "José Núñez Peña" in page.content.decode()
    assert "Esta constancia es válida" in page.content.decode()

    client.force_login(program_admin)
    client.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        {"reason": "Datos falsos"},
    )
    client.logout()
    revoked = client.get(urlsplit(link).path).content.decode()
    assert "fue revocada el" in revoked
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert entry.user == program_admin
    assert entry.data["reason"] == "Datos falsos"

    check = url("certificates:check_pdf", lang="es")
    original = client.post(check, {"pdf": SimpleUploadedFile("c.pdf", attached)})
    edited = client.post(
        check, {"pdf": SimpleUploadedFile("c.pdf", edit_pdf(attached))}
    )
    assert "coincide con una constancia" in original.content.decode()
    assert "no coincide con ninguna" in edited.content.decode()
