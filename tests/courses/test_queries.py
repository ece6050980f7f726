"""Query counts of learner pages do not grow with the size of the course."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import make_course

from .conftest import url_in


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm caches (site root, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_page_query_counts_are_the_same_for_3_and_30_modules(client, catalogue):
    small = make_course(catalogue, modules=3, lessons_per_module=1)
    large = make_course(catalogue, modules=30, lessons_per_module=1)
    for pick in (
        lambda b: b.lessons[1],
        lambda b: b.quizzes[1],
        lambda b: b.modules[1],
        lambda b: b.course,
    ):
        for language in ("en", "es"):
            assert _queries(client, url_in(pick(small), language)) == _queries(
                client, url_in(pick(large), language)
            )
