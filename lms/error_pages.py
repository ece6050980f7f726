"""The site's 400 page (``handler400`` in lms/urls.py).

Django answers 400 for a bad ``Host`` header and for requests past the limits in
settings (``DATA_UPLOAD_MAX_NUMBER_FIELDS``, ``..._NUMBER_FILES``, ``..._MEMORY_SIZE``);
people who sent too much are told so, in their language, and that nothing was saved.
"""

from http import HTTPStatus

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.shortcuts import render

TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None):
    return render(
        request,
        "400.html",
        {"too_much": isinstance(exception, TOO_MUCH)},
        status=HTTPStatus.BAD_REQUEST.value,
    )
