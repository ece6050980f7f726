"""System check: a site that issues certificates must be able to sign them. Without
a usable issuer key (production with neither ``PUENTE_ISSUER_KEYS_FILE`` nor
``PUENTE_ISSUER_KEYS``, or a broken key file) every command that runs checks, and
the deploy check, refuses with ``certificates.E001``. Registered by the AppConfig.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from certificates.credentials.keys import key_set_problem

HINT = (
    "Create a key with `manage.py issuer_keys generate --file PATH` and set "
    "PUENTE_ISSUER_KEYS_FILE=PATH (or PUENTE_ISSUER_KEYS to the key set's JSON). "
    "See README.md, 'Signed credentials'."
)


def check_issuer_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problem = key_set_problem()
    if not problem:
        return []
    return [Error(problem, hint=HINT, id="certificates.E001")]
