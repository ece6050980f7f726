"""Rich text and StreamFields in admin forms: bad values are form errors, never 500s.

Installed by ``courses.apps`` for every Wagtail admin model form (pages, snippets,
settings) and named by ``WAGTAILADMIN_RICH_TEXT_EDITORS``:

- the rich-text widget turns an editor value it cannot read (not the editor's JSON,
  or JSON of the wrong shape: Wagtail raised ``JSONDecodeError``, a 500) into a marker
  that the field then refuses with a message;
- a StreamField's widget does the same for malformed block data (a count that is
  not a number, a missing key);
- rich text whose links or embeds cannot be resolved (``courses.richtext_entities``)
  is refused with a message at the field, or at the block inside a StreamField.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.blocks import (
    BlockField,
    BlockWidget,
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from courses.richtext_entities import (
    UNREADABLE,
    UNREADABLE_MESSAGE,
    entity_id,
    rich_text_problems,
)

# What reading an untrusted editor value may raise (json's errors are ValueErrors).
READ_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError)
ID_LINK_TYPES = ("page", "document")


def validate_rich_text(value) -> None:
    """Validator of rich-text form fields: every link and embed must resolve."""
    problems = rich_text_problems(value)
    if problems:
        raise ValidationError(problems)


def editable_html(html: str) -> str:
    """``html`` with ids that are not numbers replaced, so that Wagtail's editor can
    open it (its converter looked them up as they were: a 500 on the edit page).
    The link stays, pointing at nothing; saving it is then refused."""

    def link(match: re.Match) -> str:
        attrs = extract_attrs(match.group(1))
        if (
            attrs.get("linktype") in ID_LINK_TYPES
            and entity_id(attrs.get("id")) is None
        ):
            return f'<a linktype="{attrs["linktype"]}" id="0">'
        return match.group(0)

    def embed(match: re.Match) -> str:
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image" and entity_id(attrs.get("id")) is None:
            return ""
        return match.group(0)

    return FIND_EMBED_TAG.sub(embed, FIND_A_TAG.sub(link, html))


class CheckedDraftailRichTextArea(DraftailRichTextArea):
    def format_value(self, value):
        if value == UNREADABLE or not isinstance(value, str | type(None)):
            value = ""
        return super().format_value(editable_html(value) if value else value)

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except READ_ERRORS:
            return UNREADABLE


class _Unreadable:
    """A StreamField value its widget could not read."""

    def __repr__(self) -> str:
        return "<unreadable stream>"


UNREADABLE_STREAM = _Unreadable()


class CheckedBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except READ_ERRORS:
            return UNREADABLE_STREAM

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        if value is UNREADABLE_STREAM:
            value = self.block_def.get_default()
        return super().render_with_errors(name, value, attrs, errors, renderer)


def block_errors(block, value) -> ValidationError | None:
    """Unresolvable rich text inside a block value, as Wagtail's nested block
    errors (so the editor shows each message at its block), or None."""
    if isinstance(block, blocks.RichTextBlock):
        problems = rich_text_problems(value.source if value else "")
        return ValidationError(problems) if problems else None
    found: dict = {}
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            if (error := block_errors(child.block, child.value)) is not None:
                found[index] = error
        return StreamBlockValidationError(block_errors=found) if found else None
    if isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            error = block_errors(child_block, (value or {}).get(name))
            if error is not None:
                found[name] = error
        return StructBlockValidationError(block_errors=found) if found else None
    if isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            if (error := block_errors(block.child_block, item)) is not None:
                found[index] = error
        return ListBlockValidationError(block_errors=found) if found else None
    return None


class CheckedBlockField(BlockField):
    def __init__(self, block=None, **kwargs):
        if block is not None:
            kwargs.setdefault("widget", CheckedBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if value is UNREADABLE_STREAM:
            raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")
        value = super().clean(value)
        error = block_errors(self.block, value)
        if error is not None:
            raise error
        return value

    def has_changed(self, initial_value, data_value):
        if data_value is UNREADABLE_STREAM:
            return True
        return super().has_changed(initial_value, data_value)


def install() -> None:
    """Every Wagtail admin model form checks its rich text and StreamFields."""
    register_form_field_override(
        RichTextField, override={"validators": [validate_rich_text]}
    )
    register_form_field_override(
        StreamField, override={"form_class": CheckedBlockField}
    )
