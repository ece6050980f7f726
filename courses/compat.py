"""The private Wagtail and Django APIs courses relies on, each behind one function.

Pinned in requirements.txt: Wagtail 8.0.1 and Django 5.2.19. Called by
``courses.serving`` (the cached Site), ``courses.cache`` (is a response storable?) and
``courses.forms`` (which inline forms are kept). tests/compat/test_courses_compat.py
fails, naming the pinned version, when an upgrade changes what a function relies on:
then mend the function here, and only here.
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models import Site


def find_site_uncached(request) -> Site | None:
    """The Site that answers ``request``, looked up afresh (no per-request memo).

    Relies on ``Site._find_for_request(request)`` (Wagtail 8.0.1, a staticmethod): the
    look-up ``Site.find_for_request`` runs, by host name and port, falling back to the
    default site, without writing ``request._wagtail_site``.
    """
    return Site._find_for_request(request)


def preset_request_site(request, find: Callable[[], Site | None]) -> None:
    """Give ``request`` its Site before Wagtail looks it up; ``find()`` is called only
    if the request has none yet.

    Relies on ``Site.find_for_request`` (Wagtail 8.0.1) answering with
    ``request._wagtail_site`` when the request has one: Wagtail's ``serve`` view,
    its routing and ``Page.get_url`` then ask no query for the Site.
    """
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = find()


def has_messages(request) -> bool:
    """Whether this request added a message or read stored ones (the page shows
    them), asked without loading the message storage (which would read the session).

    Relies on Django 5.2.19's ``MessageMiddleware`` setting ``request._messages`` and
    on its ``BaseStorage`` keeping added messages in ``_queued_messages`` and the ones
    it read in ``_loaded_data`` (set once, when stored messages are first read).
    """
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None)) or bool(
        getattr(storage, "_loaded_data", None)
    )


def is_marked_for_deletion(formset, form) -> bool:
    """Whether ``form`` (cleaned) of ``formset`` is ticked for deletion, even while
    other forms of the formset are invalid (``formset.deleted_forms`` is then empty).

    Relies on ``BaseFormSet._should_delete_form(form)`` (Django 5.2.19), the check
    Django's own ``deleted_forms`` and Wagtail's admin forms make.
    """
    return formset.can_delete and formset._should_delete_form(form)
