"""A course's outline and a page's position in it, read from the page tree alone.

Called by the page models' ``get_context`` (course, module, lesson, quiz) and, through
``courses.services``, by lms. The ground floor under ``courses.models``: page types are
known by their content type's natural key, never by importing the model classes, so
the models can import this module and nothing here imports them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from wagtail.models import Page

from courses.cache import remember, remember_many

# The page types of a course's tree, as (app label, model name).
COURSE = ("courses", "coursepage")
MODULE = ("courses", "modulepage")
ITEM_KINDS = {
    ("courses", "lessonpage"): "lesson",
    ("courses", "quizpage"): "quiz",
    ("courses", "interviewpracticepage"): "practice",
}


def _content_type_id(natural_key: tuple[str, str]) -> int:
    # Django's ContentType cache answers this after the first look-up (no query).
    return ContentType.objects.get_by_natural_key(*natural_key).pk


@dataclass
class OutlineItem:
    page: Page
    kind: str  # "lesson", "quiz" or "practice"
    number: int
    duration_minutes: int | None = None
    # A quiz or a practice may be optional for completion; lessons never.
    required: bool = True

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

    @property
    def practice_count(self) -> int:
        return sum(item.kind == "practice" for item in self.items)

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
    """Live modules and their lessons, practices and quizzes, in tree order.

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
    kinds = {_content_type_id(key): kind for key, kind in ITEM_KINDS.items()}
    module_type = _content_type_id(MODULE)
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
            duration=Coalesce(
                F("lessonpage__duration_minutes"),
                F("interviewpracticepage__duration_minutes"),
            ),
            required=Coalesce(
                F("quizpage__required_for_completion"),
                F("interviewpracticepage__required_for_completion"),
            ),
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
    course_type = _content_type_id(COURSE)
    ancestors = list(page.get_ancestors())
    ancestor = next((a for a in ancestors if a.content_type_id == course_type), None)
    if ancestor is None:
        return _no_position()
    course = ancestor.specific  # the course page's own row: one query
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
