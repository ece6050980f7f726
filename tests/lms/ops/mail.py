"""An e-mail backend for the worker-kill tests, loaded by the ``db_worker`` they start
(``DJANGO_EMAIL_BACKEND=tests.lms.ops.mail.HoldingFileBackend``).

Each message becomes one ``.eml`` file in ``EMAIL_FILE_PATH`` (written whole, then
renamed, so a count never sees half a message). While ``<gate>/hold`` names one of
the recipients (``PUENTE_TEST_MAIL_GATE``), a send first writes ``<gate>/held`` and
waits for ``<gate>/release``: the test kills the worker at that moment, or lets it go
on. Other messages (of other tasks the worker may run) pass.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class HoldingFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        gate = os.environ.get("PUENTE_TEST_MAIL_GATE")
        hold = Path(gate) / "hold" if gate else None
        recipients = {to for message in email_messages for to in message.to}
        if hold is not None and hold.exists() and hold.read_text() in recipients:
            (Path(gate) / "held").touch()
            deadline = time.monotonic() + 300
            while not (Path(gate) / "release").exists():
                if time.monotonic() > deadline:
                    raise TimeoutError("the test never released the held e-mail")
                time.sleep(0.05)
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{time.time_ns()}-{uuid.uuid4().hex}"
            partial = folder / f".{name}.tmp"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(folder / f"{name}.eml")
        return len(email_messages)
