"""Translation completeness: readable fields filled in one language, empty in another.

Used by CoursePage.clean(), which refuses to offer a course in Spanish while any of
its pages lacks Spanish, and by the report rows of ``courses.translation_report``.
Below the models: it reads any page's translated fields and never imports them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

# Derived from slugs, never typed by anyone.
IGNORED_FIELDS = {"url_path"}
MAX_PAGES_IN_ERROR = 5


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated_fields(model) -> list[str]:
    """Names of the model's translated fields, in the model's field order."""
    try:
        registered = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [
        f.name
        for f in model._meta.get_fields()
        if f.name in registered and f.name not in IGNORED_FIELDS
    ]


def has_content(value) -> bool:
    if value is None:
        return False
    if isinstance(value, StreamValue):
        return len(value) > 0
    if isinstance(value, RichText):
        value = value.source
    if isinstance(value, str):
        return bool(strip_tags(value).strip())
    return bool(value)


def _missing_in(obj, languages: list[str]) -> dict[str, list[str]]:
    """``{language: [field labels]}`` for one object's translated fields."""
    missing: dict[str, list[str]] = {code: [] for code in languages}
    model = type(obj)
    for name in translated_fields(model):
        filled = {
            code
            for code in languages
            if has_content(getattr(obj, f"{name}_{code}", None))
        }
        if not filled:
            continue
        label = capfirst(str(model._meta.get_field(name).verbose_name))
        for code in languages:
            if code not in filled:
                missing[code].append(label)
    return missing


def _count_children(children, languages, missing, plural_label) -> None:
    """Add "Field (N questions)"-style entries for a page's child objects."""
    counts: dict[str, dict[str, int]] = {code: {} for code in languages}
    for child in children:
        for code, labels in _missing_in(child, languages).items():
            for label in labels:
                counts[code][label] = counts[code].get(label, 0) + 1
    for code, by_label in counts.items():
        for label, count in by_label.items():
            missing[code].append(plural_label(label, count))


def get_missing_translations(page) -> dict[str, list[str]]:
    """``{language: [field labels]}`` of fields the page lacks in that language.

    A field counts as missing in a language when another language has it. A
    quiz's questions and choices, a practice's nodes and options, and a module's
    objectives, are part of the page.
    """
    codes = languages()
    missing = _missing_in(page, codes)
    objectives = getattr(page, "objectives", None)
    if hasattr(objectives, "all"):  # a module's rows (a course's is a stream)
        _count_children(
            list(objectives.all()),
            codes,
            missing,
            lambda label, count: (
                ngettext(
                    "%(field)s (%(count)s module objective)",
                    "%(field)s (%(count)s module objectives)",
                    count,
                )
                % {"field": label, "count": count}
            ),
        )
    questions = getattr(page, "questions", None)
    if questions is not None:
        questions = list(questions.all())
        _count_children(
            questions,
            codes,
            missing,
            lambda label, count: (
                ngettext(
                    "%(field)s (%(count)s question)",
                    "%(field)s (%(count)s questions)",
                    count,
                )
                % {"field": label, "count": count}
            ),
        )
        _count_children(
            [choice for question in questions for choice in question.choices.all()],
            codes,
            missing,
            lambda label, count: (
                ngettext(
                    "%(field)s (%(count)s choice)",
                    "%(field)s (%(count)s choices)",
                    count,
                )
                % {"field": label, "count": count}
            ),
        )
    nodes = getattr(page, "nodes", None)
    if nodes is not None:  # an interview practice's conversation
        nodes = list(nodes.all())
        _count_children(
            nodes,
            codes,
            missing,
            lambda label, count: (
                ngettext(
                    "%(field)s (%(count)s node)",
                    "%(field)s (%(count)s nodes)",
                    count,
                )
                % {"field": label, "count": count}
            ),
        )
        _count_children(
            [option for node in nodes for option in node.options.all()],
            codes,
            missing,
            lambda label, count: (
                ngettext(
                    "%(field)s (%(count)s option)",
                    "%(field)s (%(count)s options)",
                    count,
                )
                % {"field": label, "count": count}
            ),
        )
    return missing


def get_incomplete_pages(course, language: str) -> list[tuple[Page, list[str]]]:
    """The course and its descendants (latest drafts) that lack ``language``."""
    result = []
    own = get_missing_translations(course)[language]
    if own:
        result.append((course, own))
    if course.pk is None:
        return result
    descendants = Page.objects.descendant_of(course).specific().order_by("path")
    for page in descendants:
        if page.has_unpublished_changes:
            page = page.get_latest_revision_as_object()
        fields = get_missing_translations(page)[language]
        if fields:
            result.append((page, fields))
    return result


def spanish_completeness_error(course) -> str | None:
    """Why the course cannot be offered in Spanish yet, or None if it can."""
    incomplete = get_incomplete_pages(course, "es")
    if not incomplete:
        return None
    listed = "; ".join(
        _("“%(page)s” (%(fields)s)")
        % {"page": page.get_admin_display_title(), "fields": ", ".join(fields)}
        for page, fields in incomplete[:MAX_PAGES_IN_ERROR]
    )
    more = len(incomplete) - MAX_PAGES_IN_ERROR
    if more > 0:
        listed += " " + ngettext(
            "and %(count)s more page", "and %(count)s more pages", more
        ) % {"count": more}
    return ngettext(
        "This course cannot be offered in Spanish until %(count)s page is complete "
        "in Spanish: %(pages)s. The Translation completeness report lists every "
        "missing field.",
        "This course cannot be offered in Spanish until %(count)s pages are complete "
        "in Spanish: %(pages)s. The Translation completeness report lists every "
        "missing field.",
        len(incomplete),
    ) % {"count": len(incomplete), "pages": listed}
