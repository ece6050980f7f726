"""Rows of the "Translation completeness" admin report (``courses.views``): every
course page with a field written in one language and empty in another, read from
each page's latest draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst
from wagtail.models import Page

from courses.completeness import get_missing_translations
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    QuizPage,
)


@dataclass
class TranslationGap:
    """One row of the Translation completeness report."""

    page: Page
    course: Page | None
    missing: dict[str, list[str]]

    @property
    def pk(self):
        return self.page.pk

    @property
    def title(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def kind(self) -> str:
        return capfirst(str(self.page.specific_class._meta.verbose_name))

    @property
    def course_title(self) -> str:
        return self.course.get_admin_display_title() if self.course else ""

    @property
    def languages_offered(self) -> str:
        codes = getattr(self.course, "language_codes", [])
        return ", ".join(code.upper() for code in codes)

    @property
    def missing_en(self) -> str:
        return ", ".join(self.missing.get("en", []))

    @property
    def missing_es(self) -> str:
        return ", ".join(self.missing.get("es", []))


def get_translation_gaps() -> list[TranslationGap]:
    """Every catalogue, course, module, lesson and quiz page lacking a translation.

    Reads each page's latest draft, so a field blanked in the editor shows at once.
    """
    pages = (
        Page.objects.type(CourseIndexPage, CoursePage, ModulePage, LessonPage, QuizPage)
        .specific()
        .order_by("path")
    )
    courses: dict[str, Page] = {}
    gaps = []
    for page in pages:
        if page.has_unpublished_changes:
            page = page.get_latest_revision_as_object()
        if isinstance(page, CoursePage):
            courses[page.path] = page
        course = next(
            (c for path, c in courses.items() if page.path.startswith(path)), None
        )
        missing = get_missing_translations(page)
        if any(missing.values()):
            gaps.append(TranslationGap(page=page, course=course, missing=missing))
    return gaps
