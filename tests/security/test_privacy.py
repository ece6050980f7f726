"""Issue 10, point 6: a learner downloads all their data, and deletes their account.

The download holds every kind of record about the person (certificates through the
``puente_personal_data`` hook) and nobody else's; deletion anonymises the profile,
ends every session, keeps the learning records and leaves certificates verifiable
with the name withheld (docs/decisions/0005-account-deletion.md).
"""

import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from certificates.models import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    RequestStatus,
)
from certificates.services import issue_certificate, request_certificate
from lms.accounts.privacy import DELETE_ACTION, EXPORT_ACTION
from lms.accounts.privacy.deletion import DELETED_NAME
from lms.learning.services.attempts import start_attempt, submit_attempt
from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.learning.services.lessons import mark_lesson_complete
from lms.models import (
    Cohort,
    CohortMember,
    Enrollment,
    LessonProgress,
    QuizAttempt,
    User,
)
from lms.reports.queries import base_enrollments
from tests.builders import make_course
from tests.factories import PASSWORD, UserFactory
from tests.security.helpers import enrol_totp, login_with_totp, post_password, url_in

pytestmark = pytest.mark.django_db

SECTIONS = {
    "profile",
    "email_addresses",
    "enrollments",
    "lesson_progress",
    "quiz_attempts",
    "practice_rounds",
    "practice_moves",
    "cohorts",
    "two_factor",
    "audit_log",
    "certificates",
    "certificate_requests",
}


@dataclass
class Record:
    user: User
    course: object
    enrollment: Enrollment
    attempt: QuizAttempt
    certificate: Certificate
    cohort: Cohort


def build_record(home_page, user, *, cohort_name: str, courses: int = 1) -> Record:
    """A learner with every kind of record: completed course with a graded quiz,
    a certificate, a cohort, an authenticator app."""
    cohort = Cohort.objects.create(name=cohort_name, place="Chula Vista")
    CohortMember.objects.create(cohort=cohort, user=user)
    enrol_totp(user)
    for _n in range(courses):
        built = make_course(home_page, modules=1, lessons_per_module=1, questions=2)
        enrollment = acknowledge_content_note(enroll_user(user, built.course))
        mark_lesson_complete(enrollment, built.lessons[0])
        attempt = start_attempt(enrollment, built.quizzes[0])
        submit_attempt(attempt, {q["id"]: [q["choices"][0]] for q in attempt.questions})
        Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
        enrollment.refresh_from_db()
        certificate = issue_certificate(enrollment)
    attempt.refresh_from_db()
    return Record(user, built.course, enrollment, attempt, certificate, cohort)


@pytest.fixture
def client_factory():
    """Another browser: its own cookies, its own session."""
    from django.test import Client

    return Client


@pytest.fixture
def record(home_page, learner):
    return build_record(home_page, learner, cohort_name="Southern Border 2026")


@pytest.fixture
def other(home_page, roles):
    from lms.accounts.roles import LEARNERS

    person = UserFactory(
        groups=[roles[LEARNERS]], full_name="Otra Persona Ñandú", email="otra@x.test"
    )
    return build_record(home_page, person, cohort_name="Otra cohorte Tijuana")


def download(client, data_format, language="en"):
    with translation.override(language):
        return client.get(reverse("account_data_download", args=[data_format]))


def signed_in(client, user):
    """The real sign-in (password, then the authenticator code): it is logged."""
    assert login_with_totp(client, user.email).code_response.status_code == 302
    return client


def other_persons_traces(other: Record) -> list[str]:
    return [
        other.user.email,
        other.user.full_name,
        other.certificate.serial,
        other.certificate.code,
        other.cohort.name,
        str(other.course.title),
    ]


def test_the_json_download_holds_every_record_and_nobody_elses(client, record, other):
    signed_in(client, record.user)
    response = download(client, "json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="puente-data-{today}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    sections = data["sections"]
    assert set(sections) == SECTIONS

    [profile] = sections["profile"]["rows"]
    assert profile["email"] == record.user.email
    assert profile["full_name"] == record.user.full_name
    assert profile["agency"] == "Border Unit" and profile["state"] == "Texas"
    assert profile["country"] == "United States"  # words, not codes
    assert sections["email_addresses"]["rows"] == [
        {"email": record.user.email, "verified": True, "primary": True}
    ]
    [enrollment] = sections["enrollments"]["rows"]
    assert enrollment["course"] == str(record.course.title)
    assert enrollment["cycle"] == 1 and enrollment["completed_at"]
    [progress] = sections["lesson_progress"]["rows"]
    assert progress["lesson"].startswith("Lesson ")
    [attempt] = sections["quiz_attempts"]["rows"]
    assert attempt["score"] == str(record.attempt.score)
    assert attempt["status"] == "Graded"
    questions = sorted(a["question"] for a in attempt["answers"])
    assert questions == ["Question 1?", "Question 2?"]
    assert all(len(a["answer"]) == 1 for a in attempt["answers"])
    assert all(a["answer"][0].startswith("Choice ") for a in attempt["answers"])
    [certificate] = sections["certificates"]["rows"]
    assert certificate["serial"] == record.certificate.serial
    assert certificate["code"] == record.certificate.code
    assert certificate["status"] == "Valid"
    assert certificate["verification_url"].endswith(f"/{record.certificate.code}/")
    assert sections["cohorts"]["rows"][0]["cohort"] == "Southern Border 2026"
    assert sections["two_factor"]["rows"][0]["type"]
    sign_ins = [r for r in sections["audit_log"]["rows"] if r["action"] == "Sign in"]
    assert sign_ins and sign_ins[0]["ip"] == "127.0.0.1"

    text = response.content.decode()
    for trace in other_persons_traces(other):
        assert trace not in text
    # Which choice was right is not handed out (a quiz may still be retaken).
    assert "is_correct" not in text and "explanation" not in text
    # Two-factor secrets never leave the server.
    [authenticator] = Authenticator.objects.filter(user=record.user)
    assert authenticator.data["secret"] not in text


@pytest.mark.parametrize(
    ("language", "heading", "yes"),
    [("en", "Email address", "Yes"), ("es", "Correo electrónico", "Sí")],
)
def test_the_csv_download_is_a_zip_of_translated_files(
    client, record, other, language, heading, yes
):
    signed_in(client, record.user)
    response = download(client, "csv", language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {f"{key}.csv" for key in SECTIONS}
    profile = archive.read("profile.csv").decode("utf-8-sig")
    assert profile.splitlines()[0].startswith(heading)
    assert record.user.full_name in profile
    emails = archive.read("email_addresses.csv").decode("utf-8-sig")
    assert f"{record.user.email},{yes},{yes}" in emails
    assert record.certificate.serial in archive.read("certificates.csv").decode()
    everything = "".join(archive.read(n).decode() for n in archive.namelist())
    for trace in other_persons_traces(other):
        assert trace not in everything


def test_formula_like_values_are_neutralised_in_csv(client, record):
    User.objects.filter(pk=record.user.pk).update(agency="=HYPERLINK(1)")
    signed_in(client, record.user)
    archive = zipfile.ZipFile(io.BytesIO(download(client, "csv").content))
    profile = archive.read("profile.csv").decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in profile


def test_each_download_is_audit_logged_without_personal_data(client, record):
    signed_in(client, record.user)
    download(client, "json")
    download(client, "csv")
    entries = ModelLogEntry.objects.filter(action=EXPORT_ACTION).order_by("pk")
    assert [e.data for e in entries] == [{"format": "json"}, {"format": "csv"}]
    assert {(e.user_id, e.object_id) for e in entries} == {
        (record.user.pk, str(record.user.pk))
    }


def test_the_download_needs_a_signed_in_person_and_a_known_format(client, learner):
    response = download(client, "json")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(learner)
    assert download(client, "xml").status_code == 404
    page = client.get(url_in("es", "account_data"))
    assert page.status_code == 200
    assert "Descargar" in page.content.decode()
    profile = client.get(url_in("en", "profile")).content.decode()
    assert url_in("en", "account_data") in profile
    assert url_in("en", "account_delete") in profile


def test_the_download_costs_the_same_queries_for_one_course_or_three(
    client, home_page, roles
):
    from lms.accounts.roles import LEARNERS

    counts = []
    for courses in (1, 3):
        user = UserFactory(groups=[roles[LEARNERS]])
        build_record(home_page, user, cohort_name=f"Cohort {courses}", courses=courses)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert download(client, "json").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Deletion ---------------------------------------------------------------------


def delete(client, password=PASSWORD, language="en"):
    return client.post(url_in(language, "account_delete"), {"password": password})


@pytest.mark.parametrize(
    ("language", "warning"),
    [("en", "This cannot be undone."), ("es", "Esta acción no se puede deshacer.")],
)
def test_the_deletion_page_warns_in_the_persons_language(
    client, learner, language, warning
):
    client.force_login(learner)
    response = client.get(url_in(language, "account_delete"))
    assert response.status_code == 200
    html = response.content.decode()
    assert warning in html
    assert 'type="password"' in html
    learner.refresh_from_db()
    assert learner.is_active and learner.deleted_at is None


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "That is not your password. Nothing has been deleted."),
        ("es", "Esa no es su contraseña. No se ha eliminado nada."),
    ],
)
def test_a_wrong_password_deletes_nothing(client, record, language, message):
    client.force_login(record.user)
    response = delete(client, "not-my-password-1", language)
    assert response.status_code == 400
    assert message in response.content.decode()
    user = User.objects.get(pk=record.user.pk)
    assert user.full_name == record.user.full_name and user.is_active
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user).exists()
    assert not ModelLogEntry.objects.filter(action=DELETE_ACTION).exists()


def test_deleting_anonymises_the_profile_and_ends_every_session(
    client, client_factory, record
):
    user = record.user
    old_email, old_name = user.email, user.full_name
    other_device = client_factory()
    signed_in(other_device, user)
    other_device.get(url_in("en", "dashboard"))
    client.force_login(user)

    response = delete(client)
    assert response.status_code == 302
    assert response["Location"] == url_in("en", "account_deleted")
    assert (
        "Your account has been deleted"
        in client.get(response["Location"]).content.decode()
    )

    user.refresh_from_db()
    assert user.full_name == DELETED_NAME
    assert user.email.endswith("@deleted.invalid") and old_email not in user.email
    assert (user.agency, user.state, user.job_title) == ("", "", "")
    assert not user.has_usable_password() and not user.is_active
    assert user.deleted_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    # Both sessions are over.
    for device in (client, other_device):
        page = device.get(url_in("en", "dashboard"))
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    # The old credentials open nothing.
    again = post_password(client_factory(), old_email)
    assert again.status_code != 302 or "dashboard" not in again["Location"]
    # Entries about the account no longer carry the name (the certificate register
    # keeps it: docs/decisions/0005-account-deletion.md).
    labels = ModelLogEntry.objects.for_instance(user).values_list("label", flat=True)
    assert labels and all(old_name not in label for label in labels)


def test_the_email_can_sign_up_again_as_a_new_account(client, record, outbox):
    email = record.user.email
    client.force_login(record.user)
    delete(client)
    response = client.post(
        url_in("en", "account_signup"),
        {
            "full_name": "Nueva Cuenta",
            "agency": "Fiscalía",
            "agency_type": "prosecutor",
            "country": "MX",
            "state": "Baja California",
            "preferred_language": "es",
            "email": email,
            "password1": "a-fresh-password-42",
            "password2": "a-fresh-password-42",
        },
    )
    assert response.status_code == 302
    fresh = User.objects.get(email=email)
    assert fresh.pk != record.user.pk and fresh.full_name == "Nueva Cuenta"
    assert not fresh.certificates.exists() and not fresh.enrollments.exists()


def test_records_are_kept_and_certificates_stay_verifiable(
    client, client_factory, record
):
    user = record.user
    certificate = record.certificate
    client.force_login(user)
    with translation.override("en"):
        pdf = client.get(reverse("certificates:download", args=[certificate.code]))
    assert pdf.status_code == 200
    enrollments_before = base_enrollments().count()
    delete(client)

    assert Enrollment.objects.filter(user=user).count() == 1
    assert LessonProgress.objects.filter(enrollment__user=user).count() == 1
    assert QuizAttempt.objects.filter(user=user).count() == 1
    assert CohortMember.objects.filter(user=user).count() == 1
    assert base_enrollments().count() == enrollments_before
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID

    visitor = client_factory()
    for language, withheld in (
        ("en", "Withheld: the holder has deleted their Puente account."),
        ("es", "Dato reservado: la persona titular eliminó su cuenta de Puente."),
    ):
        with translation.override(language):
            page = visitor.get(reverse("certificates:verify", args=[certificate.code]))
        assert page.status_code == 200
        html = page.content.decode()
        assert withheld in html
        assert certificate.serial in html
        assert certificate.course_title(language) in html
        assert certificate.learner_name not in html

    with translation.override("en"):
        check = visitor.post(
            reverse("certificates:check_pdf"),
            {"pdf": SimpleUploadedFile("c.pdf", pdf.content, "application/pdf")},
        )
    assert "This file matches a certificate Puente issued." in check.content.decode()


def test_a_pending_certificate_request_is_declined(client, home_page, learner):
    learner.full_name = "Nombre Único Solicitante"
    learner.save()
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    enrollment = enroll_user(learner, built.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    request = request_certificate(enrollment)
    client.force_login(learner)
    delete(client)
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    [declined] = ModelLogEntry.objects.filter(action="certificates.decline")
    assert learner.full_name not in declined.label
    assert not CertificateRequest.objects.filter(status=RequestStatus.PENDING).exists()


def test_deleting_leaves_everyone_else_alone(client, record, other):
    before = User.objects.values().get(pk=other.user.pk)
    other_entries = list(
        ModelLogEntry.objects.for_instance(other.user).values("label", "data")
    )
    client.force_login(record.user)
    delete(client)
    assert User.objects.values().get(pk=other.user.pk) == before
    assert EmailAddress.objects.filter(user=other.user, verified=True).exists()
    assert Authenticator.objects.filter(user=other.user).exists()
    assert (
        list(ModelLogEntry.objects.for_instance(other.user).values("label", "data"))
        == other_entries
    )
    assert Certificate.objects.get(pk=other.certificate.pk).learner_name == (
        other.user.full_name
    )


def test_the_deletion_is_audit_logged_without_personal_data(client, record):
    client.force_login(record.user)
    delete(client)
    [entry] = ModelLogEntry.objects.filter(action=DELETE_ACTION)
    assert entry.object_id == str(record.user.pk)
    assert entry.user_id == record.user.pk
    assert entry.label == DELETED_NAME and entry.data == {}


@pytest.mark.parametrize("role", ["trainer", "program_admin", "superuser"])
def test_staff_accounts_cannot_delete_themselves(client, request, roles, role):
    if role == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True)
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(url_in("en", "account_delete"))
    assert "Ask a superuser to remove your trainer or administrator role" in (
        page.content.decode()
    )
    assert 'type="password"' not in page.content.decode()
    response = delete(client)
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.is_active and user.deleted_at is None and user.has_usable_password()


def test_deletion_is_post_only_and_needs_sign_in(client, learner):
    response = client.get(url_in("en", "account_delete"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert delete(client).status_code == 302
    client.force_login(learner)
    assert client.put(url_in("en", "account_delete")).status_code == 405
    learner.refresh_from_db()
    assert learner.is_active
