"""Wagtail's own strings on the page editor that Wagtail's Spanish catalogue leaves
in English or words with "tú": Puente words them for Mexico, with usted.

Listed so ``make messages`` keeps them in ``locale/es``, whose translations take
precedence over Wagtail's (``LOCALE_PATHS``), as lms/admin_strings.py does for the
back office. Nothing reads the list at run time but
tests/courses/test_admin_panels.py, which checks each is translated.
"""

from django.utils.translation import gettext_noop

EDITOR_STRINGS = [
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop("You have <span>unsaved edits</span>"),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Toggle checks"),
    gettext_noop("Actions (footer)"),
]
