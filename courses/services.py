"""Read-side services of the courses app: catalogue, outlines, and quiz keys.

Page templates get their data from here in a fixed number of queries, whatever
the size of a course. ``get_quiz_key`` is what lms's grading calls; it is the only
reader of correctness data and never feeds a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch, Q
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.cache import remember, remember_many
from courses.forms import CatalogueFilterForm
from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizPage,
    Topic,
)

CARD_IMAGE_SPEC = "fill-640x360|format-webp"


# Catalogue ----------------------------------------------------------------------


@dataclass
class Catalogue:
    form: CatalogueFilterForm
    courses: list[CoursePage]
    is_filtered: bool


def get_catalogue(catalogue: CourseIndexPage, params) -> Catalogue:
    """Live courses of the catalogue, filtered by language, topic and search terms."""
    topics = sorted(Topic.objects.all(), key=lambda topic: str(topic).casefold())
    form = CatalogueFilterForm(params or None, topics=topics)
    courses = CoursePage.objects.live().child_of(catalogue)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("language"):
        courses = courses.filter(languages__contains=filters["language"])
    if filters.get("topic"):
        courses = courses.filter(topics__slug=filters["topic"])
    if filters.get("q"):
        matching = CoursePage.objects.live().child_of(catalogue).search(filters["q"])
        courses = courses.filter(pk__in=[course.pk for course in matching])
    courses = courses.select_related("card_image").prefetch_related(
        Prefetch(
            "card_image",
            queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC),
        ),
        Prefetch("topics", queryset=Topic.objects.all()),
    )
    return Catalogue(
        form=form,
        courses=list(courses.order_by("path").distinct()),
        is_filtered=any(filters.values()),
    )


# Outline ------------------------------------------------------------------------


@dataclass
class OutlineItem:
    page: Page
    kind: str  # "lesson" or "quiz"
    number: int
    duration_minutes: int | None = None
    required: bool = True  # a quiz may be optional for completion; lessons never

    @property
    def pk(self):
        return self.page.pk


@dataclass
class OutlineModule:
    page: Page
    number: int
    items: list[OutlineItem] = field(default_factory=list)

    @property
    def pk(self):
        return self.page.pk


@dataclass
class CourseOutline:
    modules: list[OutlineModule]

    @property
    def items(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.items]

    @property
    def lesson_count(self) -> int:
        return sum(item.kind == "lesson" for item in self.items)

    @property
    def quiz_count(self) -> int:
        return sum(item.kind == "quiz" for item in self.items)

    def module_for(self, page_id: int) -> OutlineModule | None:
        for module in self.modules:
            if module.pk == page_id or any(i.pk == page_id for i in module.items):
                return module
        return None

    def neighbours(self, page_id: int) -> tuple[OutlineItem | None, OutlineItem | None]:
        items = self.items
        for index, item in enumerate(items):
            if item.pk == page_id:
                previous = items[index - 1] if index else None
                following = items[index + 1] if index + 1 < len(items) else None
                return previous, following
        return None, None


def get_course_outline(course: Page) -> CourseOutline:
    """Live modules and their lessons and quizzes, in tree order.

    One query, then kept until the next content change (``courses.cache``);
    the outline holds no language: its pages translate themselves when read.
    """
    return get_course_outlines([course])[course.pk]


def get_course_outlines(courses: list[Page]) -> dict[int, CourseOutline]:
    """``{course id: CourseOutline}`` for several courses: kept ones from the cache
    (``courses.cache.remember_many``), the others in one query."""
    if not courses:
        return {}
    by_id = {course.pk: course for course in courses}
    return remember_many(
        {pk: f"outline:{pk}" for pk in by_id},
        lambda ids: _read_course_outlines([by_id[pk] for pk in ids]),
    )


def _read_course_outlines(courses: list[Page]) -> dict[int, CourseOutline]:
    outlines = {course.pk: CourseOutline(modules=[]) for course in courses}
    if not courses:
        return outlines
    kinds = {
        ContentType.objects.get_for_model(LessonPage).pk: "lesson",
        ContentType.objects.get_for_model(QuizPage).pk: "quiz",
    }
    module_type = ContentType.objects.get_for_model(ModulePage).pk
    within = Q()
    for course in courses:
        within |= Q(
            path__startswith=course.path,
            depth__gt=course.depth,
            depth__lte=course.depth + 2,
        )
    pages = (
        Page.objects.live()
        .filter(within)
        .annotate(
            duration=F("lessonpage__duration_minutes"),
            required=F("quizpage__required_for_completion"),
        )
        .order_by("path")
    )
    by_path = sorted(courses, key=lambda c: len(c.path), reverse=True)
    for page in pages:
        course = next(c for c in by_path if page.path.startswith(c.path))
        modules = outlines[course.pk].modules
        if page.depth == course.depth + 1:
            if page.content_type_id == module_type:
                modules.append(OutlineModule(page=page, number=len(modules) + 1))
        elif (
            modules
            and page.content_type_id in kinds
            and page.path.startswith(modules[-1].page.path)
        ):
            module = modules[-1]
            module.items.append(
                OutlineItem(
                    page=page,
                    kind=kinds[page.content_type_id],
                    number=len(module.items) + 1,
                    duration_minutes=page.duration,
                    required=page.required is not False,
                )
            )
    return outlines


def get_course_position(page: Page) -> dict:
    """Course, module, outline, breadcrumbs and neighbours of a page in a course.

    Three queries (ancestors, course, outline) whatever the size of the course,
    then none until the next content change (``courses.cache.remember``).
    """
    if not page.path:  # a new page previewed before it has a place in the tree
        return _no_position()
    return remember(f"position:{page.pk}", lambda: _read_course_position(page))


def _no_position() -> dict:
    return {"course": None, "module": None, "outline": None, "breadcrumbs": []}


def _read_course_position(page: Page) -> dict:
    empty = _no_position()
    course_type = ContentType.objects.get_for_model(CoursePage).pk
    ancestors = list(page.get_ancestors())
    course_id = next(
        (a.pk for a in ancestors if a.content_type_id == course_type), None
    )
    if course_id is None:
        return empty
    course = CoursePage.objects.get(pk=course_id)
    outline = get_course_outline(course)
    previous, following = outline.neighbours(page.pk)
    return {
        "course": course,
        "module": outline.module_for(page.pk),
        "outline": outline,
        "previous_item": previous,
        "next_item": following,
        # Catalogue, course and module: the home page is the site's brand link.
        "breadcrumbs": [a for a in ancestors if a.depth >= course.depth - 1],
    }


# Quiz keys ----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionKey:
    """What grading needs to know about one question."""

    question_id: int
    kind: str
    points: int
    choice_ids: frozenset[int]
    correct_choice_ids: frozenset[int]


def get_quiz_key(quiz: QuizPage | int) -> dict[int, QuestionKey]:
    """The answer key of a quiz, by question id, read in one query.

    Reads the published questions and choices (the rows Wagtail writes on
    publish). For lms's grading only: never pass it to a template.
    """
    quiz_id = quiz if isinstance(quiz, int) else quiz.pk
    rows = (
        Choice.objects.filter(question__quiz_id=quiz_id)
        .order_by("question__sort_order", "question_id", "sort_order")
        .values_list(
            "question_id", "question__kind", "question__points", "pk", "is_correct"
        )
    )
    questions: dict[int, dict] = {}
    for question_id, kind, points, choice_id, is_correct in rows:
        entry = questions.setdefault(
            question_id,
            {"kind": kind, "points": points, "choices": set(), "correct": set()},
        )
        entry["choices"].add(choice_id)
        if is_correct:
            entry["correct"].add(choice_id)
    return {
        question_id: QuestionKey(
            question_id=question_id,
            kind=entry["kind"],
            points=entry["points"],
            choice_ids=frozenset(entry["choices"]),
            correct_choice_ids=frozenset(entry["correct"]),
        )
        for question_id, entry in questions.items()
    }
