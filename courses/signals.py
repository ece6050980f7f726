"""Cache invalidation for what is derived from pages: public pages, routes, links.

Connected in ``CoursesConfig.ready``. Any page, snippet or site change makes every
cached public page stale in both languages (``courses.cache``): such changes are
rare, and one page can show others (a course lists its prerequisites, the catalogue
its courses and topics), so a global generation is the safe granularity.
"""

from django.db import transaction
from wagtail.models import Page, PageViewRestriction, Site

from courses.cache import bump_generation
from courses.models import Choice, Question, Signatory, Topic


def forget_public_pages(sender=None, **kwargs):
    # Now, and again once the transaction commits: a page rendered from the old rows
    # in between carries the earlier generation and is never served.
    bump_generation()
    transaction.on_commit(bump_generation)


def forget_public_pages_on_change(sender, instance, **kwargs):
    """post_save/post_delete of any model: pages, sites, restrictions, snippets, and
    a quiz's questions and choices (its answer key is kept: ``get_quiz_key``)."""
    if isinstance(
        instance,
        Page | Site | PageViewRestriction | Topic | Signatory | Question | Choice,
    ):
        forget_public_pages()
