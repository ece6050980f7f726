"""courses.compat: the private Wagtail and Django APIs behind the page cache and the
quiz page form still behave as the pinned versions do."""

import inspect

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.forms import formset_factory
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page, Site

from courses.compat import (
    find_site_uncached,
    has_messages,
    is_marked_for_deletion,
    preset_request_site,
)
from tests.compat.support import relied_on

pytestmark = pytest.mark.django_db


def wagtail(wrapper: str, what: str) -> str:
    return relied_on("wagtail", f"courses.compat.{wrapper}", what)


def django(wrapper: str, what: str) -> str:
    return relied_on("Django", f"courses.compat.{wrapper}", what)


@pytest.fixture
def sites(home_page):
    default = Site.objects.get(is_default_site=True)
    other_root = home_page.add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(hostname="other.test", port=80, root_page=other_root)
    return default, other


def test_site_find_for_request_is_a_static_method_of_the_request():
    found = inspect.getattr_static(Site, "_find_for_request", None)
    assert isinstance(found, staticmethod), wagtail(
        "find_site_uncached", "Site._find_for_request is no longer a staticmethod"
    )
    parameters = list(inspect.signature(found.__func__).parameters)
    assert parameters == ["request"], wagtail(
        "find_site_uncached", f"Site._find_for_request takes {parameters}"
    )


def test_the_uncached_look_up_finds_the_site_by_host_and_leaves_no_memo(sites):
    default, other = sites
    request = RequestFactory().get("/", HTTP_HOST="other.test")
    found = find_site_uncached(request)
    assert found == other, wagtail(
        "find_site_uncached", "Site._find_for_request no longer matches the host"
    )
    assert not hasattr(request, "_wagtail_site"), wagtail(
        "find_site_uncached", "Site._find_for_request now writes request._wagtail_site"
    )
    unknown = RequestFactory().get("/", HTTP_HOST="unknown.test")
    assert find_site_uncached(unknown) == default, wagtail(
        "find_site_uncached", "Site._find_for_request no longer falls back to default"
    )


def test_wagtail_takes_the_preset_site_and_asks_no_query(
    sites, django_assert_num_queries
):
    default, other = sites
    request = RequestFactory().get("/", HTTP_HOST="other.test")
    preset_request_site(request, lambda: default)
    with django_assert_num_queries(0):
        found = Site.find_for_request(request)
    assert found == default, wagtail(
        "preset_request_site",
        "Site.find_for_request no longer answers with request._wagtail_site",
    )
    preset_request_site(request, lambda: pytest.fail("looked up twice"))


def _request_with_messages(cookies: dict | None = None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    MessageMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def test_no_message_means_none_and_asking_loads_nothing():
    request = _request_with_messages()
    assert has_messages(request) is False
    assert request.session.accessed is False, django(
        "has_messages", "asking now loads the message storage"
    )


def test_a_message_added_in_this_request_is_seen():
    request = _request_with_messages()
    messages.info(request, "Saved.")
    assert has_messages(request) is True, django(
        "has_messages",
        "added messages are no longer kept in BaseStorage._queued_messages",
    )


def test_stored_messages_are_seen_once_the_page_reads_them():
    first = _request_with_messages()
    messages.info(first, "Saved.")
    response = HttpResponse()
    MessageMiddleware(lambda r: response).process_response(first, response)
    request = _request_with_messages(
        {name: morsel.value for name, morsel in response.cookies.items()}
    )
    assert has_messages(request) is False  # not read yet: nothing shown
    assert [str(m) for m in messages.get_messages(request)] == ["Saved."]
    assert has_messages(request) is True, django(
        "has_messages", "read messages are no longer kept in BaseStorage._loaded_data"
    )


class ChoiceForm(forms.Form):
    text = forms.CharField()


def test_a_ticked_form_is_marked_for_deletion_while_another_is_invalid():
    signature = list(
        inspect.signature(forms.BaseFormSet._should_delete_form).parameters
    )
    assert signature == ["self", "form"], django(
        "is_marked_for_deletion", f"BaseFormSet._should_delete_form takes {signature}"
    )
    formset = formset_factory(ChoiceForm, can_delete=True, extra=0)(
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-text": "gone",
            "form-0-DELETE": "on",
            "form-1-text": "",
        }
    )
    assert not formset.is_valid()
    assert formset.deleted_forms == []  # why the public property is no use here
    ticked, invalid = formset.forms
    assert is_marked_for_deletion(formset, ticked) is True, django(
        "is_marked_for_deletion", "_should_delete_form no longer reads DELETE"
    )
    assert is_marked_for_deletion(formset, invalid) is False
