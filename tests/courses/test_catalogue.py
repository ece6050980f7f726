"""The catalogue: filters by language offered and by topic, and search."""

from tests.builders import make_course, make_topic
from tests.courses.support import url_in


def _titles(client, catalogue, query=""):
    html = client.get(url_in(catalogue, "en") + query).content.decode()
    return html


def test_filter_by_language_offered(client, catalogue):
    both = make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    english = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, languages=("en",)
    )
    html = _titles(client, catalogue, "?language=es")
    assert both.course.title_en in html
    assert english.course.title_en not in html
    html = _titles(client, catalogue, "?language=en")
    assert both.course.title_en in html and english.course.title_en in html


def test_filter_by_topic(client, catalogue):
    interviewing = make_topic("interviewing", "Interviewing", "Entrevista")
    law = make_topic("law", "Law", "Ley")
    first = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, topics=[interviewing]
    )
    second = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, topics=[law]
    )
    html = _titles(client, catalogue, "?topic=interviewing")
    assert first.course.title_en in html
    assert second.course.title_en not in html


def test_search(client, catalogue):
    wanted = make_course(
        catalogue,
        modules=1,
        lessons_per_module=1,
        quiz=False,
        summary="Consular zebra.",
    )
    other = make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    html = _titles(client, catalogue, "?q=zebra")
    assert wanted.course.title_en in html
    assert other.course.title_en not in html


def test_unknown_filter_values_are_ignored(client, catalogue):
    built = make_course(catalogue, modules=1, lessons_per_module=1, quiz=False)
    response = client.get(url_in(catalogue, "en") + "?language=fr&topic=nope")
    assert response.status_code == 200
    assert built.course.title_en in response.content.decode()


def test_spanish_catalogue_lists_english_only_courses_with_a_notice(client, catalogue):
    english = make_course(
        catalogue, modules=1, lessons_per_module=1, quiz=False, languages=("en",)
    )
    html = client.get(url_in(catalogue, "es")).content.decode()
    assert english.course.title_en in html
