"""Looking at a learner page as its reader would: axe (no serious or critical
violation), no sideways scroll at 360 px, and full-page screenshots at 360 and
1280 px saved as ``artifacts/screenshots/<lang>-<name>-<width>.png``. Used by
test_learner_pages.py."""

from __future__ import annotations

from tests.browser.support import NARROW, SCREENSHOTS, SERIOUS, WIDE, Browsing

_axe = None


def _run_axe(page):
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    return _axe.run(page)


def look(session: Browsing, name: str) -> None:
    page = session.page
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for size in (NARROW, WIDE):
        page.set_viewport_size(size)
        results = _run_axe(page)
        problems += [
            f"{v['id']} ({v['impact']}) at {size['width']}px: {v['help']} — "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        if size is NARROW:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], (
                f"{name} [{session.language}] scrolls sideways at 360px: {width}px"
            )
        page.screenshot(
            path=str(SCREENSHOTS / f"{session.language}-{name}-{size['width']}.png"),
            full_page=True,
        )
    page.set_viewport_size(WIDE)
    assert not problems, f"axe on {name} [{session.language}] {page.url}:\n" + (
        "\n".join(problems)
    )


def press(session: Browsing, locator) -> None:
    """Follow a link or submit a button and wait for the next page."""
    with session.page.expect_navigation():
        locator.click()
