"""Errors of a backing service a person may be shown (``lms.errors.PuenteError``):
raised by ``lms.ops.storage`` and answered by ``lms.ops.unavailable``."""

from django.utils.translation import gettext_lazy as _

from lms.errors import PuenteError


class MediaUnavailable(PuenteError):
    """The media disk or bucket refused to store a file."""

    code = "media_unavailable"
    message = _(
        "The file could not be stored right now, so nothing was saved. Please try "
        "again in a few minutes; if it keeps failing, tell the site's administrators."
    )
