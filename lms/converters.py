"""URL converters: ids the database can hold.

Django's ``int`` converter accepts any run of digits; an id past 64 bits then breaks
the query (SQLite's driver raises ``OverflowError``, a 500). ``<pk:...>`` matches at
most 18 digits, so a longer id is simply a URL that does not exist: a 404.
URL modules that use it import this module, which registers it once.
"""

from django.urls import register_converter


class PrimaryKeyConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(PrimaryKeyConverter, "pk")
