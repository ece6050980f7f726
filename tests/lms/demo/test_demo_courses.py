"""The demo courses load once: a second run duplicates nothing."""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.models import Choice, CoursePage, Question, Signatory, Topic
from lms.demo.courses import load_demo_courses


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            CoursePage,
            Question,
            Choice,
            Topic,
            Signatory,
            get_image_model(),
            get_document_model(),
        )
    }


def test_load_demo_courses_twice_duplicates_nothing(home_page):
    first = load_demo_courses()
    counts = _counts()
    second = load_demo_courses()
    assert _counts() == counts
    assert [c.pk for c in first] == [c.pk for c in second]
    assert counts["CoursePage"] >= 2
    assert all(course.live for course in CoursePage.objects.all())
