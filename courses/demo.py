"""Demo content: the home page (and, from fixtures/, the demo courses).

Called by ``manage.py load_demo_data``; every function is idempotent.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _home_content() -> dict:
    return json.loads((FIXTURES / "home.json").read_text(encoding="utf-8"))


def _translated(obj, field: str, values: dict) -> None:
    for language, value in values.items():
        setattr(obj, f"{field}_{language}", value)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's welcome page.

    An existing home page is left as editors made it.
    """
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's placeholder "Welcome" page (a bare Page) takes the slug "home";
        # deleting it also deletes the Site that points at it.
        Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore"
        ).delete()
        home = HomePage()
        _apply_home_content(home)
        Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Puente"
        site.save()
    return home


def _apply_home_content(home: HomePage) -> None:
    content = _home_content()
    for field in ("title", "slug", "intro", "body"):
        _translated(home, field, content[field])
    home.title = content["title"]["en"]
    home.slug = content["slug"]["en"]
