"""What the learner views share: finding pages, showing refusals, bad requests."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from wagtail.models import Page

from courses.models import CoursePage
from lms.errors import PuenteError
from lms.learning.errors import CONTENT_NOTE_PENDING


def bad_request(request, message) -> HttpResponse:
    """A 400 page that says, in the learner's language, what was wrong."""
    return render(request, "lms/bad_request.html", {"message": message}, status=400)


def refused(request, error: PuenteError, url: str) -> HttpResponseRedirect:
    """Back to where the refusal can be resolved, saying why.

    A pending content note is not said: the page it leads to shows the note itself.
    """
    if error.code != CONTENT_NOTE_PENDING:
        messages.error(request, error.message)
    return redirect(url)


def get_live_page_or_404(model, page_id: int):
    page = model.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


def get_course_of(page: Page) -> CoursePage:
    """The live course a lesson or quiz belongs to (one query), or 404."""
    course = CoursePage.objects.live().ancestor_of(page, inclusive=True).first()
    if course is None:
        raise Http404
    return course


def page_url(request, page: Page | None, fallback: str = "/") -> str:
    url = page.get_url(request) if page is not None else None
    return url or fallback
