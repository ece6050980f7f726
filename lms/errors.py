"""The one shape of an error a person is shown, shared by every app's services.

A service that refuses what someone asked for raises a subclass of ``PuenteError``
(``AttemptError``, ``EnrollmentError``, ``CertificateError``, ...). It carries a
stable ``code`` (for callers, tests and logs) and a ``message`` that is a lazy
translation, so it reads in the language of whoever is shown it; views display
``error.message`` as it is and never translate it again.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PuenteError(Exception):
    """Something cannot be done; ``message`` says why, ``code`` names the reason."""

    code: str = "refused"
    message: str | Promise = _("This cannot be done.")

    def __init__(
        self, message: str | Promise | None = None, *, code: str | None = None
    ):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)
