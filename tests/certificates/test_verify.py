"""Public verification, the "check a PDF" form, the learner's download and panel."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import (
    issue_certificate,
    reissue_certificate,
    render_certificate_file,
    revoke_certificate,
)
from tests.certificates.support import complete, edit_pdf, make_learner, url

pytestmark = pytest.mark.django_db

STATE_TEXT = {
    ("valid", "en"): "This certificate is valid.",
    ("valid", "es"): "Esta constancia es válida.",
    ("expired", "en"): "expired on",
    ("expired", "es"): "venció el",
    ("revoked", "en"): "was revoked on",
    ("revoked", "es"): "fue revocada el",
    ("superseded", "en"): "replaced by a newer one",
    ("superseded", "es"): "sustituida por una más reciente",
}


def make_state(certificate, state, admin):
    if state == "expired":
        Certificate.objects.filter(pk=certificate.pk).update(
            expires_at=timezone.now() - timedelta(days=1)
        )
    elif state == "revoked":
        revoke_certificate(certificate, by=admin, reason="secret reason")
    elif state == "superseded":
        reissue_certificate(certificate, by=admin, reason="name")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("state", ["valid", "expired", "revoked", "superseded"])
def test_verification_page_states(client, certificate, program_admin, state, language):
    make_state(certificate, state, program_admin)
    response = client.get(url("certificates:verify", certificate.code, lang=language))
    assert response.status_code == 200
    html = response.content.decode()
    assert STATE_TEXT[(state, language)] in html
    assert certificate.learner_name in html
    assert certificate.course_title(language) in html
    # Nothing else about the learner.
    assert certificate.user.email not in html
    assert certificate.user.agency not in html
    assert "secret reason" not in html


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("code", ["A" * 24, "short", "bad%20code*" * 3])
def test_unknown_or_malformed_code_is_a_friendly_404(client, db, code, language):
    response = client.get(f"/{language}/verify/{code}/")
    assert response.status_code == 404
    expected = (
        "Certificate not found" if language == "en" else "Constancia no encontrada"
    )
    assert expected in response.content.decode()


def test_neutral_link_redirects_to_a_language(client, certificate):
    response = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == f"/es/verify/{certificate.code}/"


@override_settings(PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(3, 60))
def test_verification_is_rate_limited_per_client(client, certificate):
    path = url("certificates:verify", certificate.code)
    codes = [client.get(path).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client.get(path, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


PROXY = "10.0.0.1"  # the load balancer of docs/deployment.md, as the app sees it


def verify_from(client, certificate, forwarded_for: str) -> int:
    """A verification request through the proxy, which appends the address it saw
    to whatever ``X-Forwarded-For`` the client sent."""
    path = url("certificates:verify", certificate.code)
    return client.get(
        path, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    ).status_code


@override_settings(
    PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(3, 60), ALLAUTH_TRUSTED_PROXY_COUNT=1
)
def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, certificate):
    first = [verify_from(client, certificate, "198.51.100.1") for _ in range(4)]
    assert first == [200, 200, 200, 429]
    # Another person behind the same balancer is not limited by the first.
    assert verify_from(client, certificate, "198.51.100.2") == 200


@override_settings(
    PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(3, 60), ALLAUTH_TRUSTED_PROXY_COUNT=1
)
def test_behind_a_trusted_proxy_a_spoofed_header_does_not_reset_the_limit(
    client, certificate
):
    # The client writes its own X-Forwarded-For; the proxy appends the real address.
    codes = [
        verify_from(client, certificate, f"203.0.113.{n}, 198.51.100.7")
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


@override_settings(
    PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(3, 60), ALLAUTH_TRUSTED_PROXY_COUNT=0
)
def test_without_a_trusted_proxy_the_header_is_ignored(client, certificate):
    path = url("certificates:verify", certificate.code)
    codes = [
        client.get(path, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    # Behind an untrusted proxy everyone is the proxy: one shared limit.
    assert verify_from(client, certificate, "198.51.100.1") == 200
    assert [verify_from(client, certificate, f"198.51.100.{n}") for n in (2, 3)] == [
        200,
        200,
    ]
    assert verify_from(client, certificate, "198.51.100.4") == 429


@override_settings(PUENTE_CERTIFICATE_VERIFY_RATE_LIMIT=(2, 60))
def test_one_ipv6_allocation_shares_one_limit(client, certificate):
    path = url("certificates:verify", certificate.code)
    codes = [
        client.get(path, REMOTE_ADDR=f"2001:db8:1:2::{n}").status_code
        for n in range(1, 4)
    ]
    assert codes == [200, 200, 429]
    assert client.get(path, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@pytest.mark.parametrize("language", ["en", "es"])
def test_check_pdf_form(client, certificate, language):
    original = render_certificate_file(certificate, language="both", paper="a4")
    edited = edit_pdf(original)
    assert edited != original
    path = url("certificates:check_pdf", lang=language)
    assert client.get(path).status_code == 200

    good = client.post(path, {"pdf": SimpleUploadedFile("c.pdf", original)})
    bad = client.post(path, {"pdf": SimpleUploadedFile("c.pdf", edited)})
    matches = {
        "en": ("matches a certificate", "does not match"),
        "es": ("coincide con una constancia", "no coincide con ninguna"),
    }[language]
    assert matches[0] in good.content.decode()
    assert certificate.serial in good.content.decode()
    assert matches[1] in bad.content.decode()
    assert certificate.serial not in bad.content.decode()


def test_every_variant_handed_out_is_recognised(client, certificate, learner):
    client.force_login(learner)
    path = url("certificates:download", certificate.code)
    response = client.get(path, {"language": "es", "paper": "a4"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    check = client.post(
        url("certificates:check_pdf"),
        {"pdf": SimpleUploadedFile("c.pdf", response.content)},
    )
    assert "matches a certificate" in check.content.decode()


def test_another_learners_certificate_is_404(client, roles, course, certificate):
    other = make_learner(roles)
    client.force_login(other)
    response = client.get(url("certificates:download", certificate.code))
    assert response.status_code == 404
    client.logout()
    anonymous = client.get(url("certificates:download", certificate.code))
    assert anonymous.status_code == 302


def test_revoked_certificate_cannot_be_downloaded(
    client, certificate, learner, program_admin
):
    revoke_certificate(certificate, by=program_admin, reason="x")
    client.force_login(learner)
    assert client.get(url("certificates:download", certificate.code)).status_code == 404


@pytest.mark.parametrize("language", ["en", "es"])
def test_dashboard_panel_lists_certificates(client, certificate, learner, language):
    client.force_login(learner)
    response = client.get(url("dashboard", lang=language))
    html = response.content.decode()
    assert certificate.serial in html
    assert f"/{language}/verify/{certificate.code}/" in html
    assert url("certificates:download", certificate.code, lang=language) in html
    heading = {"en": "My certificates", "es": "Mis constancias"}[language]
    assert heading in html


def test_dashboard_panel_shows_pending_approval(client, roles, course):
    from certificates.services import handle_course_completed

    course.certificate_issue_mode = "approval"
    course.save()
    learner = make_learner(roles)
    handle_course_completed(complete(learner, course))
    client.force_login(learner)
    html = client.get(url("dashboard")).content.decode()
    assert "awaiting approval" in html


def test_dashboard_without_certificates_has_no_panel(client, learner):
    client.force_login(learner)
    assert "My certificates" not in client.get(url("dashboard")).content.decode()


def test_issue_for_new_learner_is_separate(roles, course):
    first = issue_certificate(complete(make_learner(roles), course))
    second = issue_certificate(complete(make_learner(roles), course))
    assert first.code != second.code


def test_dashboard_panel_queries_do_not_grow_with_certificates(
    client, roles, home_page, signatory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import make_course

    def dashboard_queries(count):
        learner = make_learner(roles)
        for _ in range(count):
            built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
            issue_certificate(complete(learner, built.course))
        client.force_login(learner)
        client.get(url("dashboard"))  # warm per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("dashboard"))
        assert response.content.decode().count("certificate-card") >= count
        return len(queries)

    assert dashboard_queries(2) == dashboard_queries(5)
