"""The header and home page lead to the catalogue, in the reader's language."""

from tests.builders import make_catalogue


def test_home_page_links_to_the_catalogue_in_each_language(client, home_page):
    catalogue = make_catalogue(home_page)
    with_en = client.get("/en/").content.decode()
    with_es = client.get("/es/").content.decode()
    assert 'href="/en/' + catalogue.slug_en + '/"' in with_en
    assert "Browse the courses" in with_en
    assert 'href="/es/' + catalogue.slug_es + '/"' in with_es
    assert "Explorar los cursos" in with_es


def test_moving_the_catalogue_updates_the_link(client, home_page):
    catalogue = make_catalogue(home_page)
    assert f'/en/{catalogue.slug_en}/"' in client.get("/en/").content.decode()
    catalogue.slug_en = "training"
    catalogue.save_revision().publish()
    assert 'href="/en/training/"' in client.get("/en/").content.decode()


def test_no_catalogue_no_link(client, home_page):
    html = client.get("/en/").content.decode()
    assert "Browse the courses" not in html


def test_unpublishing_the_catalogue_removes_the_link(client, home_page):
    catalogue = make_catalogue(home_page)
    assert "Browse the courses" in client.get("/en/").content.decode()
    catalogue.unpublish()
    assert "Browse the courses" not in client.get("/en/").content.decode()
