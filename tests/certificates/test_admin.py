"""Wagtail admin for program administrators: listing, actions, ZIP, audit log;
trainers and learners kept out."""

import io
import zipfile
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate, CertificateRequest, CertificateStatus
from certificates.services import handle_course_completed, issue_certificate
from lms.accounts.privacy.deletion import delete_account
from lms.models import Enrollment
from tests.certificates.support import complete, make_learner

pytestmark = pytest.mark.django_db


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def test_a_deleted_holders_certificate_is_not_reissued(
    admin_client, certificate, program_admin
):
    delete_account(certificate.user)
    response = admin_client.post(
        reverse("certificates_admin:reissue", args=[certificate.pk]),
        {"reason": "Name corrected"},
        follow=True,
    )
    assert "deleted their account" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert Certificate.objects.count() == 1
    assert not entries("certificates.reissue").exists()


def test_listing_with_filters(admin_client, certificate, course):
    index = reverse("certificate_list:index")
    response = admin_client.get(index)
    assert response.status_code == 200
    assert certificate.serial in response.content.decode()
    for query in (
        {"course": course.pk},
        {"status": "valid"},
        {"agency": "Border"},
        {"country": "US"},
        {"issued_at_after": "2000-01-01", "issued_at_before": "2100-01-01"},
    ):
        filtered = admin_client.get(index, query)
        assert filtered.status_code == 200
        assert certificate.serial in filtered.content.decode(), query
    empty = admin_client.get(index, {"country": "MX"})
    assert certificate.serial not in empty.content.decode()


def test_manage_revoke_reissue_download_are_audited(
    admin_client, certificate, program_admin
):
    manage = reverse("certificates_admin:manage", args=[certificate.pk])
    assert admin_client.get(manage).status_code == 200

    pdf = admin_client.get(
        reverse("certificates_admin:download", args=[certificate.pk]),
        {"language": "es", "paper": "a4"},
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert entries("certificates.download").get().user == program_admin

    admin_client.post(
        reverse("certificates_admin:reissue", args=[certificate.pk]),
        {"reason": "Name corrected"},
    )
    new = Certificate.objects.get(status=CertificateStatus.VALID)
    reissued = entries("certificates.reissue").get()
    assert reissued.user == program_admin
    assert reissued.data["reason"] == "Name corrected"
    assert reissued.timestamp is not None

    admin_client.post(
        reverse("certificates_admin:revoke", args=[new.pk]), {"reason": "Fraud"}
    )
    new.refresh_from_db()
    assert new.status == CertificateStatus.REVOKED
    revoked = entries("certificates.revoke").get()
    assert (revoked.user, revoked.data["reason"]) == (program_admin, "Fraud")
    history = admin_client.get(reverse("certificates_admin:manage", args=[new.pk]))
    assert program_admin.full_name in history.content.decode()


def test_revoke_needs_a_reason(admin_client, certificate):
    admin_client.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": ""}
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert not entries("certificates.revoke").exists()


def test_queue_approve_and_decline(admin_client, roles, course, program_admin):
    course.certificate_issue_mode = "approval"
    course.save()
    learners = [make_learner(roles) for _ in range(3)]
    for learner in learners:
        handle_course_completed(complete(learner, course))
    requests = list(CertificateRequest.objects.order_by("pk"))
    assert admin_client.get(reverse("certificates_admin:queue")).status_code == 200

    admin_client.post(
        reverse("certificates_admin:decide"),
        {"request": [requests[0].pk, requests[1].pk], "action": "approve"},
    )
    assert Certificate.objects.count() == 2
    assert entries("certificates.approve").count() == 2
    assert entries("certificates.issue").filter(user=program_admin).count() == 2

    admin_client.post(
        reverse("certificates_admin:decide"),
        {"request": [requests[2].pk], "action": "decline", "reason": "Not eligible"},
    )
    requests[2].refresh_from_db()
    assert requests[2].status == "declined"
    declined = entries("certificates.decline").get()
    assert (declined.user, declined.data["reason"]) == (program_admin, "Not eligible")


def test_queue_shows_when_each_pending_learner_completed(admin_client, roles, course):
    course.certificate_issue_mode = "approval"
    course.save()
    enrollment = complete(make_learner(roles), course)
    completed = timezone.make_aware(datetime(2025, 3, 4, 10, 30))
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=completed)
    enrollment.refresh_from_db()
    handle_course_completed(enrollment)  # the request is made today
    html = admin_client.get(reverse("certificates_admin:queue")).content.decode()
    assert enrollment.user.full_name in html
    assert "March 4, 2025" in html


def test_queue_queries_do_not_grow_with_the_queue(admin_client, roles, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course.certificate_issue_mode = "approval"
    course.save()

    def queue_queries(pending: int, without: int) -> int:
        for _ in range(pending):
            handle_course_completed(complete(make_learner(roles), course))
        for _ in range(without):
            complete(make_learner(roles), course)
        path = reverse("certificates_admin:queue")
        admin_client.get(path)  # warm per-process caches (menus, site)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(path)
        assert response.status_code == 200
        return len(queries)

    assert queue_queries(2, 1) == queue_queries(6, 4)


def test_issue_for_a_completed_enrollment(admin_client, enrollment, program_admin):
    response = admin_client.post(
        reverse("certificates_admin:issue", args=[enrollment.pk])
    )
    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert certificate.issued_by == program_admin
    assert entries("certificates.issue").get().user == program_admin


def test_zip_streams_the_filtered_set(admin_client, roles, course, program_admin):
    certificates = [
        issue_certificate(complete(make_learner(roles, country=country), course))
        for country in ("US", "US", "MX")
    ]
    response = admin_client.get(reverse("certificates_admin:zip"), {"country": "US"})
    assert response.status_code == 200
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 2  # one PDF per chunk, never the whole archive at once
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    names = sorted(archive.namelist())
    assert names == sorted(f"{c.serial}.pdf" for c in certificates[:2])
    assert archive.read(names[0]).startswith(b"%PDF")
    logged = entries("certificates.bulk_download")
    assert logged.count() == 2
    assert {entry.user for entry in logged} == {program_admin}
    assert len({entry.uuid for entry in logged}) == 1


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_trainers_and_learners_are_kept_out(client, request, certificate, who):
    client.force_login(request.getfixturevalue(who))
    urls = [
        reverse("certificate_list:index"),
        reverse("certificates_admin:queue"),
        reverse("certificates_admin:zip"),
        reverse("certificates_admin:manage", args=[certificate.pk]),
        reverse("certificates_admin:download", args=[certificate.pk]),
    ]
    for path in urls:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert "/admin/" in response["Location"] or "login" in response["Location"]
    for name in ("certificates_admin:revoke", "certificates_admin:reissue"):
        response = client.post(reverse(name, args=[certificate.pk]), {"reason": "x"})
        assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert not entries("certificates.revoke").exists()


def test_the_approvals_menu_item_is_shown_only_to_program_admins(
    client, program_admin, trainer
):
    queue = reverse("certificates_admin:queue")
    client.force_login(program_admin)
    assert queue in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(trainer)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert queue not in home.content.decode()


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("en", "Only a valid certificate can be revoked."),
        ("es", "Solo se puede revocar una constancia vigente."),
    ],
)
def test_a_refused_action_is_shown_in_the_admins_language(
    admin_client, certificate, program_admin, language, refusal
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(program_admin)
    profile.preferred_language = language
    profile.save()
    revoke = reverse("certificates_admin:revoke", args=[certificate.pk])
    admin_client.post(revoke, {"reason": "Fraud"})
    response = admin_client.post(revoke, {"reason": "Again"}, follow=True)
    assert refusal in response.content.decode()
    assert entries("certificates.revoke").count() == 1
