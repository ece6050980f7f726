"""Build a course's page tree from a fixture folder (fixtures/courses/SCHEMA.md).

Called by ``lms.demo.courses.load_demo_courses`` and the bench seed. Blocks and media
are converted by ``lms.demo.fixture_blocks``; files are read by
``lms.demo.fixture_reader``. A question's ``lessons`` become links to the lesson pages.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from wagtail.models import Page, Revision

from courses.forms import choice_rule_error
from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModuleObjective,
    ModulePage,
    Question,
    QuizPage,
    Topic,
)
from courses.objectives import objective_entries
from courses.signals import forget_public_pages
from lms.demo.fixture_blocks import (
    LANGUAGES,
    MediaLibrary,
    block,
    convert_body,
    rich,
    set_stream,
    set_translated,
    text,
)
from lms.demo.fixture_reader import FixtureError, read_item, read_json
from lms.demo.practice_import import build_practice

__all__ = [
    "FixtureError",
    "MediaLibrary",
    "add_published_page",
    "import_course",
    "publish_saved",
    "read_json",
    "set_translated",
]


# Pages ----------------------------------------------------------------------------


def add_published_page(parent: Page, page: Page) -> Page:
    """Add a live page with one revision, as publishing would leave it."""
    page.live = True
    page.has_unpublished_changes = False
    parent.add_child(instance=page)
    publish_saved(page)
    return page


def publish_saved(page: Page) -> None:
    """Record the saved page as its published revision.

    ``save_revision().publish()`` would save the page, its questions and choices,
    its search entry and its references twice more; a demo import of ~50 pages
    then takes seconds longer, for log entries nobody needs.
    """
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    Page.objects.filter(pk=page.pk).update(
        live=True,
        live_revision=revision,
        latest_revision=revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
        has_unpublished_changes=False,
        first_published_at=page.first_published_at or revision.created_at,
        last_published_at=revision.created_at,
    )
    # A queryset update sends no signal: cached routes still hold the unpublished row.
    forget_public_pages()


def _page_basics(page: Page, spec: dict, languages) -> None:
    set_translated(page, "title", spec["title"], languages)
    set_translated(page, "slug", spec["slug"], languages)


def import_course(
    catalogue: CourseIndexPage,
    folder: Path,
    *,
    media: MediaLibrary,
    topics: dict[str, Topic],
    signatory=None,
) -> CoursePage:
    """Create and publish one course, its modules, lessons and quizzes."""
    spec = read_json(folder / "course.json")
    languages = spec.get("languages") or ["en"]
    certificate = spec.get("certificate", {})
    course = CoursePage(
        import_key=spec["key"],
        credit_hours=Decimal(str(spec["credit_hours"])),
        languages=",".join(code for code in LANGUAGES if code in languages),
        enrollment_open=True,
        certificate_issue_mode=certificate.get("issue_mode", "automatic"),
        certificate_validity_months=certificate.get("validity_months"),
        signatory=signatory,
    )
    _page_basics(course, spec, languages)
    for field in ("summary", "audience"):
        set_translated(course, field, spec.get(field), languages)
    for field in ("description", "content_note"):
        set_translated(course, field, spec.get(field), languages, transform=rich)
    set_translated(course, "certificate_wording", certificate.get("wording"), languages)
    set_stream(course, "objectives", objective_streams(spec, languages))
    card = f"images/course-{spec['key']}.png"
    if (media.root / card).is_file():
        course.card_image = media.image(card, text(spec["title"], "en"))
    course.topics = [topics[slug] for slug in spec.get("topics", [])]
    course.live = True
    try:
        catalogue.add_child(instance=course)
    except ValidationError as error:
        raise FixtureError(f"{folder / 'course.json'}: {error}") from error
    publish_saved(course)

    lessons: dict[str, LessonPage] = {}
    files = {name for module_spec in spec["modules"] for name in module_spec["items"]}
    unlinked: list[tuple[QuizPage, dict]] = []
    for module_spec in spec["modules"]:
        module = ModulePage()
        _page_basics(module, module_spec, languages)
        set_translated(module, "intro", module_spec.get("intro"), languages)
        module.objectives = module_objectives(module_spec, languages)
        add_published_page(course, module)
        for filename in module_spec["items"]:
            try:
                item = read_item(folder, filename, media.root)
                page = _build_item(item, languages, media)
                later = isinstance(page, QuizPage) and _link_lessons(
                    list(page.questions.all()), item, lessons, files
                )
                add_published_page(module, page)
            except (KeyError, ValidationError, FixtureError) as error:
                raise FixtureError(f"{folder / filename}: {error!r}") from error
            if isinstance(page, LessonPage):
                lessons[filename] = page
            elif later:
                unlinked.append((page, item))
    for quiz, item in unlinked:
        # A question names a lesson that comes after its quiz: link it now.
        questions = list(quiz.questions.all())
        _link_lessons(questions, item, lessons, files)
        for question in questions:
            question.save()
        publish_saved(quiz)
    return course


def objective_streams(spec: dict, languages) -> dict:
    """Course objectives as stream data per language: keyed (SCHEMA.md) or, in the
    old format, bare texts."""
    streams = {}
    for code in LANGUAGES:
        if code in languages:
            streams[code] = [
                block("objective", text(entry["text"], code))
                if entry["key"] is None
                else block(
                    "keyed_objective",
                    {"key": entry["key"], "text": text(entry["text"], code)},
                )
                for entry in objective_entries(spec.get("objectives"))
            ]
    return streams


def module_objectives(spec: dict, languages) -> list[ModuleObjective]:
    rows = []
    for entry in objective_entries(spec.get("objectives")):
        if entry["key"] is None:
            raise FixtureError("a module objective needs a key")
        row = ModuleObjective(
            key=entry["key"], course_objectives=", ".join(entry["course_objectives"])
        )
        set_translated(row, "text", entry["text"], languages)
        rows.append(row)
    return rows


def _link_lessons(questions: list, item: dict, lessons: dict, files: set) -> bool:
    """Set each question's lessons from the ones imported so far; True when a named
    lesson comes later. Names of no file are left to check_demo_content to report."""
    later = False
    for question, question_spec in zip(questions, item["questions"], strict=True):
        names = question_spec.get("lessons") or []
        question.lessons = [lessons[name] for name in names if name in lessons]
        later = later or any(n not in lessons and n in files for n in names)
    return later


def _build_item(spec: dict, languages, media: MediaLibrary) -> Page:
    if spec["type"] == "lesson":
        lesson = LessonPage(duration_minutes=spec.get("duration_minutes") or 15)
        _page_basics(lesson, spec, languages)
        set_translated(lesson, "summary", spec.get("summary"), languages)
        set_stream(lesson, "body", convert_body(spec["body"], languages, media))
        return lesson
    if spec["type"] == "quiz":
        return _build_quiz(spec, languages)
    if spec["type"] == "practice":
        return build_practice(spec, languages)
    raise FixtureError(f"unknown item type {spec['type']!r}")


def _build_quiz(spec: dict, languages) -> QuizPage:
    quiz = QuizPage(
        pass_mark=spec.get("pass_mark", 80),
        max_attempts=spec.get("max_attempts"),
        cooldown_minutes=spec.get("cooldown_minutes") or 0,
        time_limit_minutes=spec.get("time_limit_minutes"),
        shuffle_questions=spec.get("shuffle_questions", True),
        shuffle_choices=spec.get("shuffle_choices", True),
        draw_count=spec.get("draw"),
        reveal_policy=spec.get("reveal", "after_pass"),
        required_for_completion=spec.get("required", True),
    )
    _page_basics(quiz, spec, languages)
    set_translated(quiz, "intro", spec.get("intro"), languages)
    questions = []
    for number, question_spec in enumerate(spec["questions"], start=1):
        question = Question(
            kind=question_spec["kind"], points=question_spec.get("points", 1)
        )
        set_translated(question, "text", question_spec["text"], languages)
        set_translated(
            question, "explanation", question_spec.get("explanation"), languages
        )
        question.objective_keys = ", ".join(question_spec.get("objectives") or [])
        choices = []
        for choice_spec in question_spec["choices"]:
            choice = Choice(is_correct=bool(choice_spec.get("correct")))
            set_translated(choice, "text", choice_spec["text"], languages)
            set_translated(choice, "feedback", choice_spec.get("feedback"), languages)
            choices.append(choice)
        error = choice_rule_error(
            question.kind, len(choices), sum(c.is_correct for c in choices)
        )
        if error:
            raise FixtureError(f"question {number}: {error}")
        question.choices = choices
        questions.append(question)
    if quiz.draw_count and quiz.draw_count > len(questions):
        raise FixtureError(f"draw {quiz.draw_count} > {len(questions)} questions")
    quiz.questions = questions
    return quiz
