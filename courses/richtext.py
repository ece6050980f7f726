"""Rich-text links on public pages: http, https and mailto only.

Wagtail's editor already drops ``javascript:`` links when it saves, but rich text
also arrives by fixture import, the API or code, and Wagtail renders stored links as
they are. Every rendering of rich text (the ``|richtext`` filter and StreamField
rich-text blocks) goes through ``wagtailcore/shared/richtext.html``, which Puente
overrides to call ``safe_links``: a link with any other scheme (``javascript:``,
``data:``, ``vbscript:``, ``ftp:``, ...) loses its ``href`` and event attributes and
stays as plain text. Relative links (Wagtail's page and document links) are kept.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "xlink:href", "formaction", "action", "src"})

# An opening <a> tag; quoted values may contain ">", as browsers read them.
A_TAG = re.compile(r"<a\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.IGNORECASE)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore these inside a URL: "jav\tascript:" is still javascript:.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028-\u202e\ufeff]")


def is_allowed_url(url: str) -> bool:
    """True for relative URLs and http, https and mailto ones."""
    cleaned = IGNORED_IN_URLS.sub("", unescape(url)).lower()
    match = SCHEME.match(cleaned)
    return match is None or match.group(1) in ALLOWED_SCHEMES


class _TagAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = attrs

    handle_startendtag = handle_starttag


def _is_unsafe(name: str, value: str | None) -> bool:
    if name.startswith("on") or name == "style":
        return True
    return name in URL_ATTRIBUTES and not is_allowed_url(value or "")


def _safe_tag(match: re.Match) -> str:
    parser = _TagAttributes()
    parser.feed(match.group(0))
    parser.close()
    if parser.attrs is None:
        return "<a>"
    if not any(_is_unsafe(name, value) for name, value in parser.attrs):
        return match.group(0)
    kept = "".join(
        f' {name}="{escape(value or "")}"'
        for name, value in parser.attrs
        if not _is_unsafe(name, value)
    )
    return f"<a{kept}>"


def safe_links(html: str) -> str:
    """``html`` with every link outside the allowed schemes made inert."""
    return A_TAG.sub(_safe_tag, html)
