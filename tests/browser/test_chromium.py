"""Not slow, so every `make test` says whether the browser journeys can run here."""

import subprocess

import pytest

from tests.browser.chromium import CHROMIUM, require_chromium

pytestmark = pytest.mark.browser


def test_chromium_is_installed_for_the_browser_journeys():
    """Skips with "Chromium not found: apt-get install chromium" when it is missing
    (a failure under PUENTE_REQUIRE_BROWSER=1)."""
    require_chromium()
    version = subprocess.run(
        [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0, version.stderr
    assert "Chromium" in version.stdout
