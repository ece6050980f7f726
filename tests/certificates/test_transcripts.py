"""The learner's transcript: page and PDF, in the learner's language, own only."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from certificates.services import issue_certificate, revoke_certificate
from tests.builders import make_course
from tests.certificates.support import complete, make_learner, url

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def second_course(home_page):
    return make_course(
        home_page,
        modules=1,
        lessons_per_module=1,
        quiz=False,
        credit_hours=Decimal("4"),
    ).course


@pytest.mark.parametrize(
    ("lang", "heading", "course_word", "total"),
    [
        ("en", "Transcript", "Course", "Total credit hours"),
        ("es", "Historial de capacitación", "Curso", "Total de horas de crédito"),
    ],
)
def test_page_and_pdf_list_completed_courses(
    client,
    learner,
    course,
    second_course,
    certificate,
    lang,
    heading,
    course_word,
    total,
):
    complete(learner, second_course)
    client.force_login(learner)
    page = client.get(url("certificates:transcript", lang=lang))
    assert page.status_code == 200
    html = page.content.decode()
    assert heading in html and total in html
    assert certificate.serial in html
    assert certificate.course_title(lang) in html
    assert "6.5" in html or "6,5" in html  # 2.5 + 4 hours

    pdf = client.get(url("certificates:transcript_pdf", lang=lang))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert heading in text and total in text and course_word in text
    assert certificate.serial in text
    assert learner.full_name in text
    assert "6.5" in text


def test_revoked_certificate_serial_is_not_listed(
    client, learner, certificate, program_admin
):
    revoke_certificate(certificate, by=program_admin, reason="Error")
    client.force_login(learner)
    html = client.get(url("certificates:transcript")).content.decode()
    assert certificate.serial not in html


def test_another_persons_transcript_is_unreachable(client, roles, certificate):
    other = make_learner(roles)
    client.force_login(other)
    html = client.get(url("certificates:transcript")).content.decode()
    assert certificate.serial not in html
    assert certificate.learner_name not in html
    text = pdf_text(client.get(url("certificates:transcript_pdf")).content)
    assert certificate.serial not in text
    # No id in the URL to try.
    assert client.get(url("certificates:transcript") + "?user=1").status_code == 200


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(url("certificates:transcript"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_many_courses_paginate_the_pdf(client, learner, home_page):
    for _ in range(45):
        course = make_course(
            home_page, modules=1, lessons_per_module=0, quiz=False
        ).course
        issue_certificate(complete(learner, course))
    client.force_login(learner)
    data = client.get(url("certificates:transcript_pdf")).content
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert "112.5" in pdf_text(data)


def test_dashboard_links_to_the_transcript_after_a_completion(client, learner, course):
    client.force_login(learner)
    dashboard = url("dashboard")
    assert url("certificates:transcript") not in client.get(dashboard).content.decode()
    complete(learner, course)
    html = client.get(dashboard).content.decode()
    assert url("certificates:transcript") in html


def _transcript(count: int, country: str = "Mexico"):
    from datetime import date

    from certificates.transcripts import Transcript, TranscriptRow

    rows = [
        TranscriptRow(
            title=f"Course number {index} on the protection of children in transit",
            completed_on=date(2026, 1 + index % 12, 1 + index % 28),
            credit_hours=Decimal("1.5") + index % 3,
            serial=f"PUE-2026-{index:06d}" if index % 5 else "",
        )
        for index in range(1, count + 1)
    ]
    return Transcript(
        name="José Núñez Peña",
        email="jose@example.test",
        rows=rows,
        agency="Policía Municipal de Tijuana",
        job_title="Agente investigador",
        country=country,
        state="Baja California",
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Date of issue", "Page 1 of", "Total credit hours", "AGENCY"]),
        (
            "es",
            ["Fecha de emisión", "Página 1 de", "Total de horas de crédito", "CARGO"],
        ),
    ],
)
@pytest.mark.parametrize("count", [1, 25])
def test_transcript_pdf_lists_every_course_with_its_total(db, lang, words, count):
    from certificates.transcripts import format_hours, render_transcript_pdf

    transcript = _transcript(count, "México" if lang == "es" else "Mexico")
    data = render_transcript_pdf(transcript, language=lang, paper="a4")
    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    flat = " ".join(text.split())
    for row in transcript.rows:
        assert " ".join(row.title.split()) in flat
        if row.serial:
            assert row.serial in text
    assert format_hours(transcript.total_hours) in text
    for word in words:
        assert word.upper() in text.upper()
    for value in ("José Núñez Peña", "Policía Municipal de Tijuana", "Baja California"):
        assert value in text
    assert "PUENTE" in text  # the letterhead
    pages = len(reader.pages)
    assert (pages > 1) == (count == 25)
    last = reader.pages[-1].extract_text()
    assert (f"{pages} of {pages}" if lang == "en" else f"{pages} de {pages}") in last
    assert reader.metadata.title.startswith(
        "Transcript" if lang == "en" else "Historial"
    )


def test_transcript_pdf_prints_the_learners_details_from_the_profile(
    client, learner, certificate
):
    learner.agency = "Fiscalía General del Estado"
    learner.job_title = "Ministerio Público"
    learner.country = "MX"
    learner.state = "Chihuahua"
    learner.save()
    client.force_login(learner)
    text = pdf_text(client.get(url("certificates:transcript_pdf", lang="es")).content)
    for value in ("Fiscalía General del Estado", "Ministerio Público", "México"):
        assert value in text
    assert "Chihuahua" in text and certificate.serial in text
