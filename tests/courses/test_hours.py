"""Honest hours: the study time estimated from a course's content (courses.hours),
and what a trainer sees next to the declared credit hours in the course editor."""

import io
import struct

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from courses.hours import (
    count_words,
    estimate_course_hours,
    expected_duration_minutes,
    lesson_words,
    mp4_duration_seconds,
    video_duration_seconds,
    webm_duration_seconds,
)
from tests.builders import make_course


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def course(*, declared=1.0, en=1300, es=1400, video=120, pool=20, draw=10, practice=0):
    items = [
        {
            "type": "lesson",
            "file": "l1.json",
            "body": [
                {"type": "heading", "text": {"en": "Title", "es": "Título"}},
                {
                    "type": "paragraph",
                    "text": {
                        "en": f"<p>{words(en - 1)}</p>",
                        "es": f"<p>{words(es - 1)}</p>",
                    },
                },
                {
                    "type": "video",
                    "duration_seconds": video,
                    "title": {"en": "Not counted", "es": "No cuenta"},
                    "transcript": {"en": words(500), "es": words(500)},
                },
            ],
        },
        {
            "type": "quiz",
            "file": "q.json",
            "draw": draw,
            "questions": [{"kind": "single", "choices": []}] * pool,
        },
    ]
    if practice:
        items.append({"type": "practice", "duration_minutes": practice})
    return {
        "languages": ["en", "es"],
        "credit_hours": declared,
        "modules": [{"items": items}],
    }


def test_words_are_counted_without_tags_or_entities():
    assert count_words("<p>Three <b>little</b>&nbsp;words – ¿sí?</p>") == 4


def test_the_transcript_of_a_video_is_not_read_its_duration_counts():
    lesson = course()["modules"][0]["items"][0]
    assert lesson_words(lesson, "en") == 1300
    assert lesson_words(lesson, "es") == 1400


def test_stream_data_counts_like_fixture_blocks():
    stream = {
        "en": [
            {"type": "paragraph", "value": f"<p>{words(99)}</p>", "id": "a"},
            {
                "type": "callout",
                "value": {"kind": "caution", "title": "One", "text": "<p>x</p>"},
                "id": "b",
            },
            {
                "type": "video",
                "value": {"video": 3, "transcript": words(50)},
                "id": "c",
            },
        ],
        "es": [],
    }
    assert lesson_words({"body": stream}, "en") == 101
    assert lesson_words({"body": stream}, "es") == 0


def test_estimate_adds_reading_video_questions_shown_and_practice():
    estimate = estimate_course_hours(course(practice=20))
    en, es = estimate.by_language["en"], estimate.by_language["es"]
    # 1300 words ÷ 130 wpm = 10 min; 1400 ÷ 140 = 10 min; 2 min of video;
    # 10 questions drawn × 1.5 min = 15 min; a 20-minute practice.
    assert (en.reading_minutes, en.video_minutes, en.quiz_minutes) == (10, 2, 15)
    assert en.practice_minutes == 20
    assert en.total_minutes == es.total_minutes == 47
    assert estimate.hours == pytest.approx(47 / 60)


def test_a_quiz_without_a_draw_counts_its_whole_pool():
    estimate = estimate_course_hours(course(pool=8, draw=None))
    assert estimate.by_language["en"].questions == 8


def test_the_longer_language_is_the_estimate():
    estimate = estimate_course_hours(course(en=1300, es=2800))
    assert estimate.by_language["es"].total_minutes == 37  # 20 + 2 + 15
    assert estimate.hours == pytest.approx(37 / 60)


@pytest.mark.parametrize(
    ("declared", "within"),
    [(0.45, True), (0.34, True), (0.56, True), (0.3, False), (0.6, False)],
)
def test_declared_hours_within_a_quarter_of_the_estimate(declared, within):
    estimate = estimate_course_hours(course(declared=declared))
    assert estimate.hours == pytest.approx(0.45)  # 10 + 2 + 15 minutes
    assert estimate.within_tolerance is within


def test_a_lesson_should_declare_its_words_rounded_to_five_minutes():
    lesson = course(en=2600, es=2800, video=0)["modules"][0]["items"][0]
    assert expected_duration_minutes(lesson, ["en", "es"]) == 20


# Video durations, read from the file's header --------------------------------------


def ebml(element: int, payload: bytes) -> bytes:
    ident = element.to_bytes((element.bit_length() + 7) // 8, "big")
    return (
        ident + bytes([0x80 | len(payload)]) + payload
        if len(payload) < 127
        else (ident + b"\x01" + len(payload).to_bytes(7, "big") + payload)
    )


def test_webm_duration_comes_from_the_segment_info():
    info = ebml(0x2AD7B1, (1_000_000).to_bytes(3, "big")) + ebml(
        0x4489, struct.pack(">d", 87_757.0)
    )
    data = ebml(0x1A45DFA3, ebml(0x4282, b"webm")) + ebml(
        0x18538067, ebml(0x114D9B74, b"\x00" * 4) + ebml(0x1549A966, info)
    )
    assert webm_duration_seconds(io.BytesIO(data)) == pytest.approx(87.757)
    assert video_duration_seconds(io.BytesIO(data), "intro.webm") == pytest.approx(
        87.757
    )


def test_mp4_duration_comes_from_the_movie_header():
    mvhd = struct.pack(">I4sB3xIIII", 108, b"mvhd", 0, 0, 0, 600, 600 * 95) + bytes(
        108 - 28
    )
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    ftyp = struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0)
    assert mp4_duration_seconds(io.BytesIO(ftyp + moov)) == pytest.approx(95)


def test_an_unreadable_video_has_no_duration():
    assert video_duration_seconds(io.BytesIO(b"not a video"), "x.webm") is None
    assert video_duration_seconds(io.BytesIO(b""), "x.mp4") is None


# The course editor ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("credit_hours", "warned"), [("2.5", True), ("0.3", False)], ids=["far", "close"]
)
def test_course_editor_shows_the_estimate_and_warns_out_of_band(
    client, catalogue, trainer, credit_hours, warned
):
    # 4 quizzes of 3 questions (18 min) and 4 short lessons: about 0.3 h.
    course = make_course(
        catalogue, modules=4, lessons_per_module=1, credit_hours=credit_hours
    ).course
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    html = client.get(url).content.decode()
    assert "Estimated study time" in html
    assert f"Declared: {credit_hours} h. Estimated from the content: 0.3 h" in html
    assert ("more than the 25 % allowed" in html) is warned


@pytest.mark.django_db
def test_the_estimate_is_shown_in_spanish(client, catalogue, trainer):
    course = make_course(catalogue, modules=4, lessons_per_module=1).course
    client.force_login(trainer)
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[course.pk])
    ).content.decode()
    assert "Tiempo de estudio estimado" in html
