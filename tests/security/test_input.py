"""Bad input: oversized requests, a bad Host, malformed posts and unknown ids,
rich-text links, and names full of markup in pages, emails and PDFs.

Every case answers 4xx (or the form again, with its error) in the person's language,
never a 500, and leaves no half-written rows. Names are shown, mailed and printed as
text, never as markup, and rendering a PDF fetches nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lms.learning.services.enrollment import acknowledge_content_note, enroll_user
from lms.models import Enrollment, LessonProgress, QuizAttempt
from tests.builders import make_course
from tests.factories import UserFactory
from tests.lms.support import lms_url

pytestmark = pytest.mark.django_db

TOO_MUCH = {
    "en": "What you sent was larger than we accept",
    "es": "Lo que envió supera lo que aceptamos",
}
NOTHING_SAVED = {"en": "Nothing was saved.", "es": "No se guardó nada."}
NOT_UNDERSTOOD = {
    "en": "We could not understand that request.",
    "es": "No pudimos entender esa solicitud.",
}


def _profile_posts():
    """Each builds (data, extra client kwargs) past one limit, naming a new name."""

    def fields():
        data = {f"field{i}": "x" for i in range(1001)}
        return {**data, "full_name": "Changed"}, {}

    def files():
        data = {
            f"file{i}": SimpleUploadedFile(f"f{i}.txt", b"x", "text/plain")
            for i in range(101)
        }
        return {**data, "full_name": "Changed"}, {}

    def body():
        raw = b"full_name=Changed&agency=" + b"x" * (5 * 1024 * 1024 + 1)
        return raw, {"content_type": "application/x-www-form-urlencoded"}

    return {"1001 fields": fields, "101 files": files, "5 MB body": body}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("case", ["1001 fields", "101 files", "5 MB body"])
def test_requests_past_the_limits_are_400_in_the_users_language(
    client, learner, language, case
):
    name = learner.full_name
    client.force_login(learner)
    data, extra = _profile_posts()[case]()
    response = client.post(lms_url("profile", lang=language), data, **extra)
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_MUCH[language] in html
    assert NOTHING_SAVED[language] in html
    assert f'<html lang="{language}">' in html
    learner.refresh_from_db()
    assert learner.full_name == name


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_bad_host_header_is_400_in_the_users_language(client, language):
    url = lms_url("account_login", lang=language)
    response = client.get(url, HTTP_HOST="evil.test")
    assert response.status_code == 400
    assert NOT_UNDERSTOOD[language] in response.content.decode()


# Learner actions -----------------------------------------------------------------

HUGE = 2**70  # past any database integer
UNKNOWN = 987654321


@pytest.fixture
def course(home_page):
    return make_course(home_page, modules=1, lessons_per_module=1)


def _no_learner_rows():
    return (
        Enrollment.objects.count(),
        LessonProgress.objects.count(),
        QuizAttempt.objects.count(),
    )


@pytest.mark.parametrize(
    ("route", "target"),
    [
        ("lms_enroll", "unknown"),
        ("lms_enroll", "huge"),
        ("lms_enroll", "lesson"),
        ("lms_leave", "quiz"),
        ("lms_renew", "huge"),
        ("lms_acknowledge_note", "lesson"),
        ("lms_lesson_complete", "unknown"),
        ("lms_lesson_complete", "huge"),
        ("lms_lesson_complete", "course"),
        ("lms_take_a_break", "huge"),
        ("lms_start_attempt", "unknown"),
        ("lms_start_attempt", "huge"),
        ("lms_start_attempt", "lesson"),
        ("lms_submit_attempt", "unknown"),
        ("lms_submit_attempt", "huge"),
    ],
)
def test_unknown_or_wrong_kind_of_ids_are_404_and_save_nothing(
    client, learner, course, route, target
):
    client.force_login(learner)
    ids = {
        "unknown": UNKNOWN,
        "huge": HUGE,
        "lesson": course.lessons[0].pk,
        "course": course.course.pk,
        "quiz": course.quizzes[0].pk,
    }
    before = _no_learner_rows()
    # Built by hand: reverse() itself refuses an id longer than 18 digits.
    url = lms_url(route, 1).replace("/1/", f"/{ids[target]}/")
    response = client.post(url, {"q-1": "1"})
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert _no_learner_rows() == before


@pytest.mark.parametrize(
    "answers",
    [
        {"q-{question}": "²"},  # a digit to str.isdigit, not to int()
        {"q-²": "1"},
        {"q-{question}": "-1"},
        {"q-{question}": str(HUGE)},
        {"q-{question}": "1\x00"},
        {"q-{question}": ""},
        {"q-{question}": "١"},  # Arabic-Indic one: a decimal digit, not an id
        {"q-": "1"},
        {"answers": "1"},
    ],
    ids=repr,
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_malformed_answers_are_400_with_a_message_and_nothing_graded(
    client, learner, course, answers, language
):
    quiz = course.quizzes[0]
    acknowledge_content_note(enroll_user(learner, course.course))
    client.force_login(learner)
    client.post(lms_url("lms_start_attempt", quiz.pk))
    attempt = QuizAttempt.objects.get()
    question = attempt.question_ids[0]
    data = {
        key.format(question=question): value.format(question=question)
        for key, value in answers.items()
    }
    response = client.post(
        lms_url("lms_submit_attempt", attempt.pk, lang=language), data
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert ("Nothing was saved" if language == "en" else "No se guardó nada") in html
    attempt.refresh_from_db()
    assert not attempt.is_graded and attempt.answers in (None, {})


def test_another_learners_attempt_cannot_be_submitted(client, learner, course):
    quiz = course.quizzes[0]
    other = UserFactory()
    acknowledge_content_note(enroll_user(other, course.course))
    client.force_login(other)
    client.post(lms_url("lms_start_attempt", quiz.pk))
    attempt = QuizAttempt.objects.get()
    client.force_login(learner)
    response = client.post(lms_url("lms_submit_attempt", attempt.pk), {})
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_graded


@pytest.mark.parametrize("raw", ["²", "-1", str(HUGE), "1\x00", "x"])
def test_the_break_page_ignores_a_malformed_page_number(client, raw):
    response = client.get(lms_url("lms_break"), {"page": raw})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("preferred_language", "xx", "Select a valid choice"),
        ("country", "Atlantis", "Select a valid choice"),
        ("agency_type", "<script>", "Select a valid choice"),
        ("full_name", "José\x00Núñez", "Null characters are not allowed"),
        ("full_name", "x" * 5000, "Ensure this value has at most"),
        ("full_name", "Jo\u202ese", "cannot be printed"),
    ],
)
def test_wrong_profile_values_show_the_form_again_and_save_nothing(
    client, learner, field, value, message
):
    before = {
        "full_name": learner.full_name,
        "preferred_language": learner.preferred_language,
    }
    client.force_login(learner)
    data = {
        "full_name": "Valid Name",
        "agency": "Agency",
        "agency_type": learner.agency_type,
        "country": learner.country,
        "state": learner.state,
        "job_title": "Officer",
        "preferred_language": "es",
        field: value,
    }
    response = client.post(lms_url("profile"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    learner.refresh_from_db()
    assert {
        "full_name": learner.full_name,
        "preferred_language": learner.preferred_language,
    } == before


NO_MATCH = ("does not match any certificate", "no coincide con ninguna constancia")


@pytest.mark.parametrize(
    ("upload", "message_en", "message_es"),
    [
        (b"", "The submitted file is empty", "El fichero enviado está vacío"),
        (b"not a pdf at all", *NO_MATCH),
        (b"%PDF-1.7\n\x00\xff broken", *NO_MATCH),
        ("José <b>Ñ</b>\u202e".encode("utf-16"), *NO_MATCH),
    ],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_check_a_pdf_form_answers_bad_files_with_a_message(
    client, upload, message_en, message_es, language
):
    with translation.override(language):
        url = reverse("certificates:check_pdf")
    response = client.post(
        url, {"pdf": SimpleUploadedFile("x.pdf", upload, "application/pdf")}
    )
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert (message_en if language == "en" else message_es) in html, html[-2500:]


def test_the_check_a_pdf_form_without_a_file_asks_for_one(client):
    response = client.post(reverse("certificates:check_pdf"), {"pdf": "not a file"})
    assert response.status_code in (200, 400)
    assert "This field is required" in response.content.decode()


# Rich-text links ------------------------------------------------------------------

BAD_LINKS = [
    '<a href="javascript:alert(1)">js</a>',
    '<a href="JaVaScRiPt:alert(2)">mixed case</a>',
    '<a href="jav&#x09;ascript:alert(3)">entity tab</a>',
    '<a href=" javascript:alert(4)">leading space</a>',
    "<a href='javascript:alert(5)'>single quotes</a>",
    "<a href=javascript:alert(6)>unquoted</a>",
    '<a title=">" href="javascript:alert(7)">quoted gt</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(9)">vb</a>',
    '<a linktype="external" href="javascript:alert(10)">typed</a>',
    '<a href="https://example.org/ok" onclick="alert(11)">handler</a>',
]
GOOD_LINKS = [
    '<a href="https://example.org/safe">https</a>',
    '<a href="http://example.org/plain">http</a>',
    '<a href="mailto:help@example.org">mail</a>',
    '<a href="#section">anchor</a>',
]


def _published_with_links(home_page):
    html = "<p>" + " ".join(BAD_LINKS + GOOD_LINKS) + "</p>"
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    course = built.course
    course.description = course.description_en = course.description_es = html
    course.save_revision().publish()
    lesson = built.lessons[0]
    body = [("paragraph", html)]
    lesson.body = lesson.body_en = lesson.body_es = body
    lesson.save_revision().publish()
    return built


def _live_hrefs(html: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and "href" in attrs:
                found.append(attrs["href"])
            if any(name.startswith("on") for name in attrs):
                found.append(f"event handler on <{tag}>")

    Links().feed(html)
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_rich_text_links_are_limited_to_http_https_and_mailto(
    client, learner, home_page, language
):
    built = _published_with_links(home_page)
    acknowledge_content_note(enroll_user(learner, built.course))
    client.force_login(learner)
    for page in (built.course, built.lessons[0]):
        with translation.override(language):
            url = page.get_url()
        html = client.get(url).content.decode()
        assert "typed" in html and "quoted gt" in html  # the text stays
        hrefs = _live_hrefs(html)
        for href in hrefs:
            scheme = href.split(":", 1)[0].lower() if ":" in href else ""
            assert scheme in ("", "http", "https", "mailto"), (page, href)
        assert "alert(" not in " ".join(hrefs)
        for good in ("https://example.org/safe", "http://example.org/plain"):
            assert good in hrefs
        assert "mailto:help@example.org" in hrefs and "#section" in hrefs


def test_wagtail_page_links_stay_live(client, home_page):
    built = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    course = built.course
    lesson = built.lessons[0]
    link = f'<p><a linktype="page" id="{lesson.pk}">first lesson</a></p>'
    course.description = course.description_en = link
    course.save_revision().publish()
    html = client.get(course.get_url()).content.decode()
    assert f'href="{lesson.get_url()}"' in html


# Names full of markup and Unicode --------------------------------------------------

NASTY_NAME = '<img src=x onerror=alert(1)> José Ñúñez "O\'Brien" \u202eRTL'
PDF_NAME = (
    '<img src="http://127.0.0.1:9/x.png"/> Ñúñez <a href="http://evil.test/">a</a>'
)


@pytest.fixture
def no_network(monkeypatch):
    """Any socket connection fails the test: rendering must fetch nothing."""
    import socket

    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def _certificate_for(user, home_page):
    from certificates.services import issue_certificate
    from tests.certificates.support import complete

    course = make_course(home_page, modules=1, lessons_per_module=1, quiz=False)
    return issue_certificate(complete(user, course.course))


def test_a_name_with_markup_is_text_in_every_email(outbox, learner, home_page):
    from certificates.emails import build_certificate_email
    from lms.cohorts.invitations import build_invitation_email

    learner.full_name = NASTY_NAME
    learner.save()
    certificate = _certificate_for(learner, home_page)
    messages = [
        build_certificate_email(certificate, "issued"),
        build_invitation_email(learner, None),
    ]
    for message in messages:
        # Plain text only: no HTML part in which the name could become markup.
        html_parts = [c for c, t in message.alternatives if t == "text/html"]
        for html in html_parts:
            assert "<img" not in html and "&lt;img src=x" in html
        assert NASTY_NAME in message.body  # exactly as typed, not entity-mangled
        assert "&lt;" not in message.body and "&#x27;" not in message.body
        assert message.to == [learner.email]
        assert "\n" not in message.subject


def test_a_name_with_markup_is_escaped_on_the_verification_page(
    client, learner, home_page
):
    learner.full_name = NASTY_NAME
    learner.save()
    certificate = _certificate_for(learner, home_page)
    with translation.override("en"):
        url = reverse("certificates:verify", args=[certificate.code])
    html = client.get(url).content.decode()
    assert "<img src=x" not in html
    assert (
        "&lt;img src=x onerror=alert(1)&gt; José Ñúñez &quot;O&#x27;Brien&quot;" in html
    )


def _pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert "evil.test" not in str(action.get("/URI", ""))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_name_with_markup_is_printed_literally_in_the_certificate_pdf(
    learner, home_page, no_network, language
):
    from certificates.pdf import render_certificate_pdf
    from certificates.services import verification_url

    learner.full_name = PDF_NAME
    learner.save()
    certificate = _certificate_for(learner, home_page)
    assert certificate.learner_name == PDF_NAME
    data = render_certificate_pdf(
        certificate,
        verification_url=verification_url(certificate, language),
        language=language,
    )
    text = _pdf_text(data)
    squeezed = "".join(text.split())
    assert "".join(PDF_NAME.split()) in squeezed
    assert no_network == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_name_with_markup_is_printed_literally_in_the_transcript_pdf(
    learner, home_page, no_network, language
):
    from certificates.transcripts import get_transcript_for_user, render_transcript_pdf

    learner.full_name = PDF_NAME
    learner.save()
    _certificate_for(learner, home_page)
    transcript = get_transcript_for_user(learner, language)
    text = _pdf_text(render_transcript_pdf(transcript, language=language))
    assert "".join(PDF_NAME.split()) in "".join(text.split())
    assert no_network == []
