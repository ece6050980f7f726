"""Debian's Chromium for the browser tests: where it is, how it is launched, and what
happens when it is missing (a skip with a notice, a failure under CI's
``PUENTE_REQUIRE_BROWSER=1``). Used by conftest.py and test_chromium.py."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = "Chromium not found: apt-get install chromium"


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("PUENTE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{MISSING} (PUENTE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(MISSING)
