"""The editor's preview panel: Wagtail frames the preview of a page from the admin,
so a preview (and only a preview) may be framed by the site's own origin; the live
page, the admin and every other response keep refusing any frame."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests.courses.support import url_in


def _frame_ancestors(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "frame-ancestors":
            return values
    raise AssertionError("no frame-ancestors directive")


def _preview(client, page, language):
    """Send the edit form to the preview view, as the editor's panel does, then load
    what the panel's iframe loads."""
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(
        client.get(edit).content.decode(), form_id="page-edit-form"
    )
    data["intro_es"] = "Vista previa: texto sin publicar."
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": language, "in_preview_panel": "true"})


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_preview_panel_may_frame_a_preview(client, trainer, built, language):
    module = built.modules[0]
    client.force_login(trainer)
    response = _preview(client, module, language)
    assert response.status_code == 200
    assert _frame_ancestors(response) == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The rest of the policy is the site's.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    if language == "es":
        assert "Vista previa: texto sin publicar." in response.content.decode()


def test_live_pages_and_the_admin_refuse_every_frame(client, trainer, built):
    module = built.modules[0]
    client.force_login(trainer)
    _preview(client, module, "en")  # a preview does not loosen what follows
    for path in (url_in(module, "en"), url_in(module, "es"), "/en/dashboard/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _frame_ancestors(response) == ["'none'"], path
        assert response["X-Frame-Options"] == "DENY", path
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))
    assert editor["X-Frame-Options"] == "DENY"
    client.logout()
    anonymous = client.get(url_in(module, "en"), {"is_preview": "1"})
    assert _frame_ancestors(anonymous) == ["'none'"]
    assert anonymous["X-Frame-Options"] == "DENY"
