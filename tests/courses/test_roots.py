"""The home page can be rebuilt on an emptied database (flush, truncating tests)."""

import pytest
from wagtail.models import Collection, Locale, Page, Site

from lms.demo.courses import ensure_home_page


@pytest.mark.django_db
def test_home_page_is_rebuilt_when_the_tree_roots_are_gone(client):
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()
    home = ensure_home_page()
    assert Page.get_first_root_node().get_children().get().pk == home.pk
    assert Collection.get_first_root_node() is not None
    assert client.get("/en/").status_code == 200
    assert client.get("/es/").status_code == 200
    assert ensure_home_page().pk == home.pk
