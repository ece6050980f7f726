"""Browser fixtures: Debian's Chromium driven by Playwright against the live server.

Every browser test is marked ``slow`` and ``browser``. Without /usr/bin/chromium they
skip with a notice ("Chromium not found: apt-get install chromium"), unless
``PUENTE_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure.
"""

import os

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, require_chromium

# Playwright's sync API keeps an event loop in the main thread; the ORM calls the
# tests make between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    require_chromium()
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args():
    return {
        "viewport": {"width": 1280, "height": 900},
        "locale": "en-US",
        "timezone_id": "UTC",
        "accept_downloads": True,
    }


@pytest.fixture
def browse(new_context, live_server):
    """``browse()`` opens a page in a new context that only reaches the live server."""
    from tests.browser.support import Browsing

    sessions = []

    def open_page(language="en", storage_state=None) -> Browsing:
        context = new_context(storage_state=storage_state)
        session = Browsing(context, live_server.url, language)
        sessions.append(session)
        return session

    yield open_page
    # Left here, before the live server's tables are flushed: nothing a page sends
    # as it goes away reaches the server during the flush (pytest-playwright closes
    # the contexts afterwards).
    for session in sessions:
        if not session.page.is_closed():
            session.page.goto("about:blank")
    foreign = sorted({host for s in sessions for host in s.foreign_hosts})
    assert not foreign, f"requests to outside hosts: {foreign}"


@pytest.fixture
def course_site(live_server):
    """Roles, the home page and a small bilingual course built for browser journeys."""
    from tests.browser.support import build_course

    return build_course()
