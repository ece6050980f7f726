"""Wagtail's own admin strings on the back-office pages Puente defines or customises
(the admin home, reports, listings) that Wagtail's Spanish catalogue leaves in
English or words with "tú": Puente words them for Mexico, with usted.

Listed so ``make messages`` keeps them in ``locale/es``, whose translations take
precedence over Wagtail's (``LOCALE_PATHS``). Nothing reads the list at run time but
tests/lms/test_admin_strings.py, which checks each is translated here.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_STRINGS = [
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop("Show filters"),
    gettext_noop("Filter by"),
    gettext_noop("Awaiting your review"),
    gettext_noop("Your most recent edits"),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Sorry, you do not have permission to access this area."),
    gettext_noop("Select row"),
]
# The line above a filtered listing (its count, in Wagtail's words).
MATCHES = ngettext_lazy(
    "There is %(counter)s match", "There are %(counter)s matches", "counter"
)
