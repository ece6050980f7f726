"""The content quality check (courses.quality, courses.objectives) on plain data, and
the admin report trainers read (Reports → Content quality)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from courses.models import Choice, Question, QuizPage
from courses.quality import check_course, quiz_stats, similarity
from lms.demo.fixture_import import add_published_page, set_translated
from tests.builders import make_course

BOTH = ("en", "es")


def t(en, es=None):
    return {"en": en, "es": es if es is not None else en}


def question(text, options, correct=0, **extra):
    return {
        "kind": "single",
        "text": t(text),
        "explanation": t("Because."),
        "choices": [
            {"text": t(option), "correct": n == correct, "feedback": t("Why.")}
            for n, option in enumerate(options)
        ],
        **extra,
    }


BIASED = [
    question(
        f"Scenario {n}: what do you do first?",
        ["Keep her safe, call the specialised unit and report it", "Ask", "Leave"],
    )
    for n in range(6)
]
# Options of similar length; the right one is the longest in 2 of 6.
CLEAN = [
    question(text, options, correct=correct)
    for text, options, correct in [
        (
            "A girl at a bus station says an aunt will collect her.",
            ["Check the aunt's ID", "Let her go with him", "Ask her for a fee"],
            0,
        ),
        (
            "A boy at a farm holds no papers and owes a debt.",
            ["Return him to work", "Ask who holds them", "Fine him for it"],
            1,
        ),
        (
            "A caller reports a teenager missing since last night.",
            ["Wait two days", "Enter it in NCIC", "Call her school"],
            1,
        ),
        (
            "During a traffic stop the driver answers for a girl.",
            ["Speak with her apart", "Let the driver speak", "End the stop at once"],
            0,
        ),
        (
            "A child asks you to promise to keep a secret.",
            ["Promise it to her", "Say who must know", "Change the subject"],
            1,
        ),
        (
            "An interpreter offered is the adult found with the boy.",
            ["Use the adult now", "Use a qualified one", "Skip the interview"],
            1,
        ),
    ]
]


def quiz(questions, **settings):
    return {
        "type": "quiz",
        "file": "q.json",
        "label": "Module quiz",
        "draw": 3,
        "max_attempts": 3,
        "cooldown_minutes": 15,
        "questions": questions,
        **settings,
    }


def codes(findings):
    return sorted({f.code for f in findings if f.level == "problem"})


def test_a_quiz_whose_correct_option_is_the_longest_is_reported():
    stats = quiz_stats(quiz(BIASED), 1, BOTH)
    assert stats.longest_correct == {"en": 6, "es": 6}
    assert stats.longest_correct_share == 1
    assert "longest-correct" in codes(stats.findings)
    assert any(f.code == "option-ratio" for f in stats.findings)


def test_a_clean_quiz_is_not_reported():
    stats = quiz_stats(quiz(CLEAN), 1, BOTH)
    assert stats.longest_correct == {"en": 2, "es": 2}  # the longest is right 2 in 6
    assert codes(stats.findings) == []
    assert (
        check_course(
            {"languages": BOTH, "modules": [{"items": [quiz(CLEAN)]}]}, strict=False
        ).similar
        == []
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"draw": None}, "draw"),
        ({"draw": 4}, "pool"),  # 6 < 2 × 4
        ({"max_attempts": None}, "attempts"),
        ({"cooldown_minutes": 5}, "cooldown"),
        ({"final": True, "cooldown_minutes": 60}, "pool"),  # final: 3× and ≥ 45
    ],
)
def test_pools_draws_attempts_and_cooldowns(changes, code):
    assert code in codes(quiz_stats(quiz(CLEAN, **changes), 1, BOTH).findings)


def test_questions_without_feedback_or_explanation_are_counted():
    broken = question("What now?", ["One", "Two", "Six"])
    broken["explanation"] = t("Because.", "")
    broken["choices"][1]["feedback"] = t("")
    stats = quiz_stats(quiz([broken, *CLEAN]), 1, BOTH)
    assert (stats.without_feedback, stats.without_explanation) == (1, 1)
    assert {"feedback", "explanation"} <= set(codes(stats.findings))


def test_near_duplicates_are_found_across_quizzes_of_a_course():
    motel = question(
        "At a motel, a 15-year-old is with an adult who answers for her. What first?",
        ["Speak with her apart from the adult", "Ask the adult", "Leave"],
    )
    reworded = question(
        "A 15-year-old at a motel is with an adult who answers every question for "
        "her. What do you do first?",
        ["Speak with her apart, away from the adult", "Ask the adult", "Leave"],
    )
    other = question(
        "Which institution in Mexico orders special protection measures?",
        ["The Procuraduría de Protección", "The consulate", "The school"],
    )
    assert similarity(motel, reworded, BOTH) > 0.5
    assert similarity(motel, other, BOTH) < 0.1
    course = {
        "languages": ["en", "es"],
        "modules": [
            {"items": [quiz([motel, other], label="Module 1 quiz")]},
            {"items": [quiz([reworded], label="Final", final=True)]},
        ],
    }
    report = check_course(course, strict=False)
    assert [(p.first, p.second) for p in report.duplicates] == [
        ("Module 1 quiz questions[0]", "Final questions[0]")
    ]


def keyed_course(**question_extra):
    return {
        "key": "c",
        "languages": ["en", "es"],
        "credit_hours": 0.5,
        "objectives": [
            {"key": "c-1", "text": t("Identify a victim")},
            {"key": "c-2", "text": t("Choose a referral")},
        ],
        "modules": [
            {
                "objectives": [
                    {"key": "c-m1-1", "text": t("List"), "course_objectives": ["c-1"]},
                    {"key": "c-m1-2", "text": t("Decide"), "course_objectives": []},
                ],
                "items": [
                    {"type": "lesson", "file": "l1.json", "body": []},
                    quiz(
                        [
                            question(
                                "What first?",
                                ["Keep her safe", "Ask", "Leave"],
                                objectives=["c-m1-1"],
                                lessons=["l1.json"],
                                **question_extra,
                            )
                        ]
                    ),
                ],
            }
        ],
    }


def test_objectives_not_assessed_or_not_served_are_reported():
    messages = [str(f) for f in check_course(keyed_course()).findings]
    assert any("c-m1-2 is assessed by no question" in m for m in messages)
    assert any("course objective c-2 is in no module objective" in m for m in messages)
    assert not any("c-m1-1 is assessed" in m for m in messages)


def test_a_lesson_that_does_not_exist_is_reported():
    course = keyed_course()
    course["modules"][0]["items"][1]["questions"][0]["lessons"] = ["gone.json"]
    found = [f for f in check_course(course).findings if f.code == "lesson-ref"]
    assert [f.where for f in found] == ["Module quiz questions[0].lessons"]


# The admin report ----------------------------------------------------------------


def add_quiz(module, questions, **settings):
    page = QuizPage(max_attempts=3, cooldown_minutes=15, draw_count=3, **settings)
    set_translated(page, "title", t("Biased quiz", "Cuestionario sesgado"), BOTH)
    set_translated(page, "slug", t("biased-quiz", "cuestionario-sesgado"), BOTH)
    built = []
    for spec in questions:
        q = Question(kind="single")
        set_translated(q, "text", spec["text"], BOTH)
        set_translated(q, "explanation", spec["explanation"], BOTH)
        choices = []
        for choice_spec in spec["choices"]:
            choice = Choice(is_correct=choice_spec["correct"])
            set_translated(choice, "text", choice_spec["text"], BOTH)
            set_translated(choice, "feedback", choice_spec["feedback"], BOTH)
            choices.append(choice)
        q.choices = choices
        built.append(q)
    page.questions = built
    return add_published_page(module, page)


@pytest.fixture
def biased(catalogue):
    built = make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    add_quiz(built.modules[0], BIASED)
    return built.course


@pytest.fixture
def clean(catalogue):
    built = make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    add_quiz(built.modules[0], CLEAN)
    return built.course


def test_the_report_shows_a_biased_quiz(client, trainer, biased):
    client.force_login(trainer)
    url = reverse("courses_content_quality_course", args=[biased.pk])
    html = client.get(url).content.decode()
    assert "<caption>" in html and '<th scope="col">' in html
    assert "the correct option is the longest in 6 of 6 single-choice" in html
    assert "EN 6/6, ES 6/6" in html


def test_the_report_finds_nothing_wrong_in_a_clean_quiz(client, trainer, clean):
    client.force_login(trainer)
    url = reverse("courses_content_quality_course", args=[clean.pk])
    html = client.get(url).content.decode()
    assert "EN 2/6, ES 2/6" in html
    assert "single-choice questions (at most a third)" not in html
    assert "No near-duplicate questions." in html


def test_the_index_lists_each_course_with_its_problems(client, trainer, biased, clean):
    client.force_login(trainer)
    html = client.get(reverse("courses_content_quality")).content.decode()
    assert biased.title in html and clean.title in html
    assert reverse("courses_content_quality_course", args=[biased.pk]) in html


def test_the_report_is_in_the_reports_menu_in_spanish(client, trainer, clean):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(trainer)
    html = client.get(reverse("courses_content_quality")).content.decode()
    assert "Calidad del contenido" in html
    assert "Horas declaradas" in html


def test_the_report_is_for_editors_only(client, learner, clean):
    client.force_login(learner)
    for url in (
        reverse("courses_content_quality"),
        reverse("courses_content_quality_course", args=[clean.pk]),
    ):
        assert client.get(url).status_code in (302, 403)


def test_an_unknown_course_is_a_404(client, trainer, clean):
    client.force_login(trainer)
    url = reverse("courses_content_quality_course", args=[clean.pk + 999])
    assert client.get(url, follow=True).status_code == 404


# The question panel: the lessons that teach it ---------------------------------


def test_a_question_links_lessons_of_its_own_course(client, trainer, catalogue):
    from wagtail.test.utils.form_data import querydict_from_html

    built = make_course(catalogue, modules=2, lessons_per_module=1)
    other = make_course(catalogue, modules=1, lessons_per_module=1)
    quiz_page = built.quizzes[1]
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:edit", args=[quiz_page.pk])
    html = client.get(url).content.decode()
    first, second = built.lessons
    assert f"{built.modules[0].title} › {first.title}" in html
    assert f"{built.modules[1].title} › {second.title}" in html
    assert other.lessons[0].title not in html

    data = querydict_from_html(html, form_id="page-edit-form")
    for number in range(3):  # the helper does not read the checked correct choice
        data[f"questions-{number}-choices-0-is_correct"] = "on"
    data.setlist("questions-0-lessons", [str(first.pk)])
    data["questions-0-objective_keys"] = "m2-1"
    assert client.post(url, data).status_code == 302
    quiz_page.refresh_from_db()
    questions = quiz_page.get_latest_revision_as_object().questions.all()
    draft = next(q for q in questions if q.text_en == "Question 1?")
    assert [lesson.pk for lesson in draft.lessons.all()] == [first.pk]
    assert draft.objective_keys == "m2-1"


def test_the_report_says_where_in_words():
    from courses.quality_views import readable_where

    assert readable_where("U.S. law quiz questions[3].objectives") == (
        "U.S. law quiz, question 4, objectives"
    )
    assert readable_where("Module quiz questions[2] (es)") == (
        "Module quiz, question 3 (es)"
    )


def test_an_interview_practice_assesses_the_objectives_it_names():
    course = keyed_course()
    course["modules"][0]["items"].append(
        {"type": "practice", "file": "p.json", "objectives": ["c-m1-2", "c-m9-9"]}
    )
    messages = [str(f) for f in check_course(course).findings]
    assert not any("c-m1-2 is assessed by no question" in m for m in messages)
    assert "p.json objectives: no module objective c-m9-9" in messages
