"""Where "Continue" leads once a lesson, quiz or practice is done: read from a
learner's ``CourseProgress``, no query. Called by the lesson and quiz pages' tags and
the attempt result page."""

from __future__ import annotations

from courses.services import OutlineItem
from lms.learning.services.progress import CourseProgress


def next_step_after(progress: CourseProgress, page_id: int) -> OutlineItem | None:
    """The first item after ``page_id``, in course order, that is not done; else
    the first not done before it; ``None`` when everything is done."""
    items = progress.outline.items
    index = next((i for i, item in enumerate(items) if item.pk == page_id), -1)
    later = items[index + 1 :] + items[: max(index, 0)]
    return next((item for item in later if not progress.is_done(item)), None)
