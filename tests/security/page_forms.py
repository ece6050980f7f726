"""What Wagtail's page editor would post for a page, built from its own form.

``page_form_data(page, user)`` reads the page's admin form (fields, nested inline
formsets, StreamFields block by block, rich text as the editor's JSON), so a test
can post a valid edit or create and then spoil one field at a time;
``html_form_data(html)`` reads the same from a rendered form that needs no script
(snippets, settings, users, images). Used by tests/security/test_rich_text.py and
test_admin_fuzz.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.blocks import BlockField
from wagtail.models import Page


def page_form(page: Page, user, data=None):
    """The admin edit form of ``page`` (its latest revision), bound to ``data``."""
    page = page.specific
    latest = page.get_latest_revision_as_object()
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(
        data, instance=latest, for_user=user, parent_page=page.get_parent()
    )


def _single(formatted) -> str:
    # Select widgets format their value as a list of the selected options.
    if isinstance(formatted, list | tuple):
        formatted = formatted[0] if formatted else ""
    return "" if formatted is None else str(formatted)


def _field_block_value(block, value):
    if isinstance(block, blocks.ChooserBlock):
        return str(value.pk) if value is not None else ""
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else None
    if isinstance(block, blocks.RichTextBlock):
        return block.field.widget.format_value(value.source if value else "")
    if isinstance(block, blocks.MultipleChoiceBlock):
        return [str(item) for item in value or []]
    prepared = block.field.prepare_value(block.value_for_form(value))
    return _single(block.field.widget.format_value(prepared))


def block_data(block, value, prefix: str) -> dict:
    """The posted fields of one block value (inverse of ``value_from_datadict``)."""
    data: dict = {}
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        children = (
            [(child.block_type, child.block, child.value, child.id) for child in value]
            if isinstance(block, blocks.StreamBlock)
            else [(None, block.child_block, b.value, b.id) for b in value.bound_blocks]
        )
        data[f"{prefix}-count"] = str(len(children))
        for index, (kind, child_block, child_value, child_id) in enumerate(children):
            here = f"{prefix}-{index}"
            if kind is not None:
                data[f"{here}-type"] = kind
            data[f"{here}-deleted"] = ""
            data[f"{here}-order"] = str(index)
            data[f"{here}-id"] = child_id or ""
            data.update(block_data(child_block, child_value, f"{here}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(block_data(child_block, value.get(name), f"{prefix}-{name}"))
        return data
    posted = _field_block_value(block, value)
    if posted is not None:
        data[prefix] = posted
    return data


def form_data(form) -> dict:
    """Every field of ``form`` and of its nested formsets, as the browser posts it."""
    data: dict = {}
    for bound in form:
        field, name, value = bound.field, bound.html_name, bound.value()
        widget = field.widget
        if isinstance(field, BlockField):
            data.update(block_data(field.block, value, name))
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, forms.FileInput):
            continue
        elif isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
            data[name] = [str(item) for item in value or []]
        elif isinstance(widget, DraftailRichTextArea):
            data[name] = widget.format_value(value)
        else:
            data[name] = _single(widget.format_value(value))
    for formset in getattr(form, "formsets", {}).values():
        for bound in formset.management_form:
            data[bound.html_name] = str(bound.value())
        for child in formset.forms:
            data.update(form_data(child))
    return data


def page_form_data(page: Page, user) -> dict:
    return form_data(page_form(page, user))


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(page_class, parent: Page) -> str:
    meta = page_class._meta
    return reverse(
        "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]
    )


def rich_text_names(form) -> list[str]:
    """The posted names of every rich-text field of ``form`` (formsets included)."""
    names = [
        bound.html_name
        for bound in form
        if isinstance(bound.field.widget, DraftailRichTextArea)
    ]
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            names += rich_text_names(child)
    return names


class _FormReader(HTMLParser):
    """The named fields of one POST form of a page and their current values."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.data: dict[str, list[str]] = {}
        self._inside = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._selected: list[str] = []
        self._first_option: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        name = attrs.get("name")
        if not self._inside:
            return
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self._add(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select, self._selected, self._first_option = name, [], None
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._selected.append(value)

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = self._selected or [self._first_option or ""]
            for value in chosen:
                self._add(self._select, value)
            self._select = None


def html_form_data(html: str, form_id: str | None = None) -> dict:
    """What the browser would post from a page's POST form(s), as they are filled
    in (inputs, checked boxes, selected options, text areas; the token left out)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return {
        name: values if len(values) > 1 else values[0]
        for name, values in reader.data.items()
        if name != "csrfmiddlewaretoken"
    }
