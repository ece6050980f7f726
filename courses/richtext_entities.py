"""Rich-text links and embeds that point at pages, documents and images.

Stored rich text names them by id (``<a linktype="page" id="3">``). Wagtail's own
handlers pass the id to the database as it is: an id such as ``1" onmouseover=...``
raised ``ValueError`` while rendering, so one bad link took its page down (a 500).
The handlers here (registered from ``courses/wagtail_hooks.py``) look up only ids
that are numbers and render anything they cannot resolve as plain text.
``rich_text_problems`` says, in the reader's language, what cannot be resolved;
``courses.richtext_forms`` refuses such text when an editor saves it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

logger = logging.getLogger("puente.richtext")

MAX_ID_DIGITS = 18  # below 2**63: every database compares it without overflow
# What the rich-text widget stores when the editor's value cannot be read
# (``courses.richtext_forms``); refused by ``rich_text_problems`` like a bad link.
UNREADABLE = '<p data-puente-unreadable="1"></p>'
SHOWN_ID_LENGTH = 24


def entity_id(value) -> int | None:
    """The id an entity names, or None when it is not a plain number."""
    text = str(value if value is not None else "")
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    return None


class _ValidIdsMixin:
    """``get_many`` that asks the database only about ids that are numbers."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        ids = [entity_id(attrs.get("id")) for attrs in attrs_list]
        pairs = zip(attrs_list, ids, strict=True)
        valid = [{**attrs, "id": str(pk)} for attrs, pk in pairs if pk]
        found = iter(super().get_many(valid) if valid else [])  # type: ignore[misc]
        return [next(found) if pk else None for pk in ids]

    @classmethod
    def extract_references(cls, attrs: dict):
        # The reference index (a background task) stores only ids that can exist.
        if entity_id(attrs.get("id")):
            yield from super().extract_references(attrs)  # type: ignore[misc]


class SafePageLinkHandler(_ValidIdsMixin, PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for page in cls.get_many(attrs_list):
            url = page.localized.url if page is not None else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags


class SafeDocumentLinkHandler(_ValidIdsMixin, DocumentLinkHandler):
    pass


class SafeImageEmbedHandler(_ValidIdsMixin, ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        try:
            return super().expand_db_attributes_many(attrs_list)
        except (KeyError, ValueError, TypeError, LookupError) as error:
            # An unknown image format or a missing attribute: drop the images.
            logger.warning("rich-text image embed not rendered: %r", error)
            return [""] * len(attrs_list)


class SafeMediaEmbedHandler(MediaEmbedHandler):
    """Only http(s) addresses are looked up; anything that fails renders nothing."""

    @staticmethod
    def expand_db_attributes(attrs: dict) -> str:
        if not is_web_address(attrs.get("url")):
            return ""
        try:
            return MediaEmbedHandler.expand_db_attributes(attrs)
        except Exception as error:  # noqa: BLE001 - a provider's failure, any kind
            logger.warning("rich-text media embed not rendered: %r", error)
            return ""


SAFE_LINK_HANDLERS = (SafePageLinkHandler, SafeDocumentLinkHandler)
SAFE_EMBED_HANDLERS = (SafeImageEmbedHandler, SafeMediaEmbedHandler)


def register_safe_handlers(features) -> None:
    """Replace Wagtail's page, document, image and media handlers (the hook runs
    after Wagtail's own registrations, so these win)."""
    for handler in SAFE_LINK_HANDLERS:
        features.register_link_type(handler)
    for handler in SAFE_EMBED_HANDLERS:
        features.register_embed_type(handler)


def is_web_address(url) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


# Checking at save ------------------------------------------------------------------

MISSING = {
    "page": _(
        "A link points to a page that does not exist (%(id)s). Choose the page "
        "again or remove the link."
    ),
    "document": _(
        "A link points to a document that does not exist (%(id)s). Choose the "
        "document again or remove the link."
    ),
    "image": _(
        "An image in this text does not exist (%(id)s). Choose it again or remove it."
    ),
}
UNKNOWN_KIND = _(
    "This text holds a link or embedded item of an unknown kind (%(kind)s). Remove it."
)
NO_WEB_ADDRESS = _("An embedded item has no web address (http or https). Remove it.")
UNREADABLE_MESSAGE = _(
    "This text could not be read: the editor sent malformed data. Nothing was "
    "saved; reload the page and enter the text again."
)
MODELS = {
    "page": SafePageLinkHandler,
    "document": SafeDocumentLinkHandler,
    "image": SafeImageEmbedHandler,
}


def _later(message, **params):
    """``message % params``, translated when shown (the editor's language)."""
    return lazy(lambda: str(message) % params, str)()


def _shown(value) -> str:
    text = str(value if value is not None else "")
    return text if len(text) <= SHOWN_ID_LENGTH else text[:SHOWN_ID_LENGTH] + "…"


def _entities(html: str) -> Iterable[tuple[str, dict]]:
    """(kind, attributes) of every link and embed that names something stored."""
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if "linktype" in attrs:  # plain links (href only) are checked by safe_links
            yield attrs["linktype"], attrs
    for match in FIND_EMBED_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        yield attrs.get("embedtype", ""), attrs


def rich_text_problems(html: str | None) -> list[str]:
    """What in stored rich text ``html`` cannot be resolved, one message each
    (lazy translations); one query per kind of object named."""
    if not html:
        return []
    if UNREADABLE in html:
        return [UNREADABLE_MESSAGE]
    problems: list = []
    wanted: dict[str, list[dict]] = {}
    for kind, attrs in _entities(html):
        if kind in MODELS:
            wanted.setdefault(kind, []).append(attrs)
        elif kind == "media":
            if not is_web_address(attrs.get("url")):
                problems.append(NO_WEB_ADDRESS)
        else:
            problems.append(_later(UNKNOWN_KIND, kind=_shown(kind) or "—"))
    for kind, attrs_list in wanted.items():
        resolved = MODELS[kind].get_many(attrs_list)
        for attrs, found in zip(attrs_list, resolved, strict=True):
            if found is None:
                problems.append(_later(MISSING[kind], id=_shown(attrs.get("id"))))
    unique = []
    for problem in problems:
        if str(problem) not in map(str, unique):
            unique.append(problem)
    return unique
