"""Helpers for browser tests: a page that records its hosts, axe, the narrow-screen
check, screenshots, sign-in (with TOTP for staff) and the course they walk through."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from django.utils import translation

SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
SERIOUS = {"serious", "critical"}
_axe = Axe()


def url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def page_path(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def t(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


# Wagtail's editing-session release URL (wagtail.admin.urls: editing_sessions).
RELEASE = "/editing-sessions/release/"


class Browsing:
    """One browser context and page; every request's host is recorded, and requests
    to any host but the live server's are aborted (and fail the test)."""

    def __init__(self, context, base_url: str, language: str):
        self.context = context
        self.base_url = base_url
        self.language = language
        self.host = urlsplit(base_url).netloc
        self.foreign_hosts: set[str] = set()
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("request", self._record)

    def _is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and (
            parts.netloc != self.host
        )

    def _record(self, request) -> None:
        if self._is_foreign(request.url):
            self.foreign_hosts.add(urlsplit(request.url).netloc)

    def _route(self, route) -> None:
        url = route.request.url
        if self._is_foreign(url):
            self.foreign_hosts.add(urlsplit(url).netloc)
            route.abort()
        elif RELEASE in urlsplit(url).path:
            # Wagtail's editor releases its editing session as the page goes away,
            # which for the last page is while the test's tables are flushed: the
            # live server's session read then locks the table the flush empties.
            route.fulfill(status=200, content_type="application/json", body="{}")
        else:
            route.continue_()

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.ok, (path, response.status)
        return response

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def check(self, name: str) -> None:
        """axe (no serious/critical violation), no horizontal scroll at 360×740,
        and a screenshot at that size in artifacts/screenshots/."""
        page = self.page
        page.wait_for_load_state("load")
        results = _axe.run(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v.get("impact") in SERIOUS
        ]
        assert not bad, f"axe on {name} [{self.language}] {page.url}:\n" + "\n".join(
            bad
        )
        page.set_viewport_size(NARROW)
        try:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], (
                f"{name} [{self.language}] scrolls sideways at 360px: {width}px wide"
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(SCREENSHOTS / f"{self.language}-{name}.png"), full_page=True
            )
        finally:
            page.set_viewport_size(WIDE)

    def submit(self, action: str) -> None:
        """Press the submit button of the form posting to ``action``."""
        with self.page.expect_navigation():
            self.page.locator(
                f'form[action="{action}"] button[type="submit"]'
            ).first.click()


def sign_in(session: Browsing, email: str, password: str) -> None:
    page = session.page
    session.go(url_in(session.language, "account_login"))
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()


def sign_in_with_totp(session: Browsing, email: str, password: str, secret: str):
    """Password, then the authenticator code, as a staff member types them."""
    from lms.accounts.mfa import totp_code
    from tests.security.helpers import wait_for_fresh_code

    wait_for_fresh_code(5)
    sign_in(session, email, password)
    page = session.page
    assert session.path() == url_in(session.language, "mfa_authenticate"), page.url
    page.locator('input[name="code"]').fill(totp_code(secret))
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').first.click()
    assert session.path() != url_in(session.language, "mfa_authenticate"), (
        page.content()[:2000]
    )


@dataclass
class CourseSite:
    course: object
    lessons: list
    quiz: object
    catalogue: object


def build_course() -> CourseSite:
    """One module: two lessons and a two-question quiz that allows a retake at once
    (cooldown 0, no shuffling, so "A" is the right answer and comes first)."""
    from courses.models import Signatory
    from lms.accounts.roles import sync_roles
    from lms.demo.courses import ensure_home_page
    from tests.builders import make_catalogue, make_course

    sync_roles()
    home = ensure_home_page()
    built = make_course(
        home,
        modules=1,
        lessons_per_module=2,
        questions=2,
        quiz_settings={
            "cooldown_minutes": 0,
            "max_attempts": None,
            "shuffle_questions": False,
            "shuffle_choices": False,
            "pass_mark": 100,
        },
    )
    signatory = Signatory(name="Dra. Ana María Gómez")
    signatory.title_en = signatory.title = "Programme Director"
    signatory.title_es = "Directora del Programa"
    signatory.save()
    course = built.course
    course.signatory = signatory
    course.certificate_wording_en = "has completed the course"
    course.certificate_wording_es = "concluyó satisfactoriamente el curso"
    course.save()
    return CourseSite(
        course=course,
        lessons=built.lessons,
        quiz=built.quizzes[0],
        catalogue=make_catalogue(home),
    )
