"""Each certificate is also a signed Open Badges 3.0 credential: built from what was
stored at issue (both languages, the objectives, a hashed e-mail), signed once on
first use rather than while issuing, embedded in the PDF beside the verification
QR code, published with its keys and revocation status list, and replaced, not
edited, when the certificate is reissued."""

import hashlib
import io

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from certificates.credentials import links
from certificates.credentials.builder import build_credential
from certificates.credentials.jose import read_unverified
from certificates.credentials.reading import read_credential_token
from certificates.credentials.signing import get_signed_credential
from certificates.credentials.status import decode_bits, is_set
from certificates.models import Certificate
from certificates.services import (
    issue_certificate,
    reissue_certificate,
    render_certificate_file,
    revoke_certificate,
)
from tests.certificates.support import complete, credential_payload, make_learner, url

pytestmark = pytest.mark.django_db

# A second certificate of the year, as in a running site: the serial counter exists,
# content types are cached, the URLs are loaded (and with them the admin viewsets;
# certificates stay out of Wagtail's reference index). Pinned so that the signed
# credential adds no work to issuing: 19 queries when credentials landed, 9 since
# issue 19's round (7 and the test transaction's two savepoints, as
# test_issue_queries.py counts them).
ISSUE_QUERIES = 9


def test_issuing_signs_nothing_and_costs_what_it_did(roles, course, certificate):
    reverse("dashboard")  # a running site has loaded its URLs
    issue_certificate(complete(make_learner(roles), course))  # and its caches
    enrollment = complete(make_learner(roles), course)
    with CaptureQueriesContext(connection) as queries:
        issued = issue_certificate(enrollment)
    assert len(queries) == ISSUE_QUERIES, "\n".join(
        q["sql"][:90] for q in queries.captured_queries
    )
    assert issued.credential_jws == ""
    assert issued.credential_snapshot["objectives"] is not None


def test_the_credential_says_what_is_printed_in_both_languages(certificate, course):
    credential = build_credential(certificate)
    achievement = credential["credentialSubject"]["achievement"]
    spanish = achievement["related"][0]
    assert achievement["name"] == certificate.course_title_en
    assert spanish["name"] == certificate.course_title_es
    assert (achievement["inLanguage"], spanish["inLanguage"]) == ("en", "es")
    assert "lesson" in achievement["criteria"]["narrative"]
    assert achievement["creditsAvailable"] == float(certificate.credit_hours)
    assert achievement["courseLanguages"] == ["en", "es"]
    assert achievement["description"] and spanish["description"]
    assert credential["issuer"]["translation"][0]["inLanguage"] == "es"
    subject = credential["credentialSubject"]
    names = [i for i in subject["identifier"] if i["identityType"] == "name"]
    assert names[0]["identityHash"] == certificate.learner_name
    assert credential["validFrom"] == credential["issuanceDate"]
    # Objectives become alignments, in each edition's language.
    assert achievement["alignment"], "the course has objectives"
    assert (
        achievement["alignment"][0]["targetName"]
        != spanish["alignment"][0]["targetName"]
    )


def test_the_email_is_only_a_salted_hash(certificate):
    credential = build_credential(certificate)
    email = certificate.user.email
    assert email not in str(credential)
    hashed = next(
        i
        for i in credential["credentialSubject"]["identifier"]
        if i["identityType"] == "emailAddress"
    )
    expected = hashlib.sha256((email.lower() + hashed["salt"]).encode()).hexdigest()
    assert hashed == {
        "type": "IdentityObject",
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": hashed["salt"],
    }


def test_the_credential_is_deterministic_and_ignores_later_edits(certificate, course):
    first = build_credential(certificate)
    course.title_en = "Renamed later"
    course.description_en = "<p>Changed later.</p>"
    course.save()
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert build_credential(certificate) == first


def test_a_spanish_certificate_reads_spanish_first(roles, course):
    learner = make_learner(roles, preferred_language="es")
    certificate = issue_certificate(complete(learner, course))
    credential = build_credential(certificate)
    assert credential["credentialSubject"]["achievement"]["inLanguage"] == "es"
    assert credential["name"].startswith("Constancia")


def test_signed_once_on_first_use_then_stored(certificate, django_assert_num_queries):
    with django_assert_num_queries(1):  # the UPDATE that stores both signatures
        token, offline = get_signed_credential(certificate)
    with django_assert_num_queries(0):
        assert get_signed_credential(certificate) == (token, offline)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert (stored.credential_jws, stored.offline_jws) == (token, offline)


def test_the_pdf_carries_the_credential_and_both_qr_codes(certificate):
    data = render_certificate_file(certificate, language="es")
    token = read_credential_token(data, max_bytes=10**7)
    assert token == Certificate.objects.get(pk=certificate.pk).credential_jws
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Verificación sin conexión" in text
    assert f"/es/verify/{certificate.code}/" in text.replace("\n", "")
    # Same file on every download: the stored hash is of the file handed out.
    assert render_certificate_file(certificate, language="es") == data
    assert certificate.files.filter(sha256=hashlib.sha256(data).hexdigest()).exists()


def test_the_offline_payload_fits_a_qr_code(certificate):
    _token, offline = get_signed_credential(certificate)
    header, claims = read_unverified(offline)
    assert set(claims) >= {"jti", "n", "c", "h", "d", "s", "iss", "nbf"}
    assert claims["n"] == certificate.learner_name
    assert header["kid"] in links.key_url(header["kid"])
    qr = segno.make(offline, error="m", micro=False)
    assert len(offline.encode()) < 600
    assert qr.version <= 20


def test_reissue_gives_a_new_credential_and_marks_the_old(
    certificate, program_admin, client, django_capture_on_commit_callbacks
):
    old_token, _offline = get_signed_credential(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        new = reissue_certificate(certificate, by=program_admin, reason="Name")
    new_token, _offline = get_signed_credential(new)
    assert new_token != old_token
    assert credential_payload(new_token)["id"] != credential_payload(old_token)["id"]
    for token, marked in ((old_token, True), (new_token, False)):
        status = credential_payload(token)["credentialStatus"]
        listed = client.get(status["statusListCredential"])
        bits = decode_bits(
            credential_payload(listed.content.decode())["credentialSubject"][
                "encodedList"
            ]
        )
        assert is_set(bits, int(status["statusListIndex"])) is marked


def test_the_status_list_is_signed_cacheable_and_changes_on_revocation(
    certificate, program_admin, client, django_capture_on_commit_callbacks
):
    number, index = links.status_list_position(certificate.pk)
    path = links.status_list_url(number).removeprefix("http://127.0.0.1:8000")
    first = client.get(path)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/vc+jwt"
    assert "max-age" in first["Cache-Control"]
    header, listed = read_unverified(first.content.decode())
    assert header["kid"].startswith(links.issuer_id())
    assert "BitstringStatusListCredential" in listed["type"]
    bits = decode_bits(listed["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == links.STATUS_LIST_SIZE and not is_set(bits, index)
    unchanged = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(certificate, by=program_admin, reason="Fraud")
    changed = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    bits = decode_bits(
        credential_payload(changed.content.decode())["credentialSubject"]["encodedList"]
    )
    assert is_set(bits, index)


def test_keys_and_issuer_are_published_without_private_parts(certificate, client):
    jwks = client.get("/.well-known/jwks.json")
    assert jwks.status_code == 200 and "max-age" in jwks["Cache-Control"]
    assert (
        client.get(
            "/.well-known/jwks.json", HTTP_IF_NONE_MATCH=jwks["ETag"]
        ).status_code
        == 304
    )
    for key in jwks.json()["keys"]:
        assert "d" not in key and key["crv"] == "Ed25519"
    kid = read_unverified(get_signed_credential(certificate)[0])[0]["kid"]
    one = client.get(kid.removeprefix("http://127.0.0.1:8000"))
    assert one.status_code == 200 and one.json()["kid"] == kid and "d" not in one.json()
    issuer = client.get("/issuer/").json()
    assert issuer["id"] == links.issuer_id() and issuer["jwks"].endswith("jwks.json")
    assert client.get("/issuer/keys/nonexistent", follow=True).status_code == 404
    # Only lists that certificates use exist (nobody fills the cache with others).
    assert client.get("/issuer/status/999", follow=True).status_code == 404


def test_the_achievement_id_leads_to_the_course(certificate, client):
    response = client.get(f"/issuer/achievements/{certificate.course_id}")
    assert response.status_code == 302
    assert response["Location"] == certificate.course.get_url()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_holder_downloads_the_credential(client, certificate, learner, language):
    client.force_login(learner)
    panel = client.get(url("dashboard", lang=language)).content.decode()
    link = url("certificates:download_credential", certificate.code, lang=language)
    assert link in panel
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["type"] == "EnvelopedVerifiableCredential"
    assert body["id"].startswith("data:application/vc+jwt,ey")
    page = client.get(url("certificates:verify", certificate.code, lang=language))
    assert link in page.content.decode()


def test_nobody_else_downloads_it(client, certificate, roles, program_admin):
    link = url("certificates:download_credential", certificate.code)
    assert client.get(link).status_code == 302  # to the login page
    client.force_login(make_learner(roles))
    assert client.get(link).status_code == 404
    client.logout()
    page = client.get(url("certificates:verify", certificate.code)).content.decode()
    assert link not in page
