"""Demo content: the home page, the catalogue and the demo courses from fixtures/.

Called by ``manage.py load_demo_data``; every function is idempotent. How to edit
and reload the courses: fixtures/courses/SCHEMA.md.
"""

import io
import json
import math
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.utils.file import hash_filelike

from courses.models import CourseIndexPage, CoursePage, HomePage, Signatory, Topic
from lms.demo.fixture_import import (
    MediaLibrary,
    add_published_page,
    import_course,
    publish_saved,
    set_translated,
)
from lms.demo.fixture_reader import course_folders

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
COURSE_FIXTURES = FIXTURES / "courses"
MEDIA_FIXTURES = FIXTURES / "assets"


def _home_content() -> dict:
    return json.loads((FIXTURES / "home.json").read_text(encoding="utf-8"))


def _translated(obj, field: str, values: dict) -> None:
    for language, value in values.items():
        setattr(obj, f"{field}_{language}", value)


def ensure_tree_roots() -> Page:
    """The default locale and the page and collection roots (Wagtail's migrations
    make them).

    They can be missing from a database that was emptied (e.g. ``manage.py flush``,
    or a test that truncates tables), and everything else hangs off them.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
        Page.objects.filter(pk=root.pk).update(
            **{
                f"{field}_{code}": value
                for code, _name in settings.LANGUAGES
                for field, value in (
                    ("title", "Root"),
                    ("slug", "root"),
                    ("url_path", "/"),
                )
            }
        )
        root.refresh_from_db()
    return root


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's welcome page.

    An existing home page is left as editors made it.
    """
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's placeholder "Welcome" page (a bare Page) takes the slug "home";
        # deleting it also deletes the Site that points at it.
        Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore"
        ).delete()
        home = HomePage()
        _apply_home_content(home)
        ensure_tree_roots().add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Puente"
        site.save()
    return home


def _apply_home_content(home: HomePage) -> None:
    content = _home_content()
    for field in ("title", "slug", "intro", "body"):
        _translated(home, field, content[field])
    home.title = content["title"]["en"]
    home.slug = content["slug"]["en"]


# Demo courses -------------------------------------------------------------------

CATALOGUE = {
    "title": {"en": "Courses", "es": "Cursos"},
    "slug": {"en": "courses", "es": "cursos"},
    "intro": {
        "en": "Self-paced courses for police officers, investigators, prosecutors, "
        "child-protection staff and victim advocates in the United States and "
        "Mexico. Filter by language or topic, or search.",
        "es": "Cursos a su propio ritmo para policías, personal de investigación, "
        "agentes del Ministerio Público, personal de protección a la infancia y "
        "personas que acompañan a víctimas en México y en Estados Unidos. Filtre "
        "por idioma o tema, o haga una búsqueda.",
    },
}
# Topic slugs used by the fixtures, with their names in both languages.
TOPICS = {
    "identification": {"en": "Identification", "es": "Identificación"},
    "interviewing": {"en": "Interviewing", "es": "Entrevista"},
    "missing-children": {
        "en": "Missing children",
        "es": "Niñas, niños y adolescentes desaparecidos",
    },
    "cross-border": {
        "en": "Cross-border cooperation",
        "es": "Cooperación transfronteriza",
    },
    "trauma-informed": {
        "en": "Trauma-informed practice",
        "es": "Atención informada en trauma",
    },
    "legal-framework": {"en": "Legal framework", "es": "Marco jurídico"},
}
SIGNATORY = {
    "name": "Laura Medina Castillo",
    "title": {
        "en": "Director, Puente Border Training Program",
        "es": "Directora del Programa de Capacitación Fronteriza Puente",
    },
}
# Catalogue order; courses not listed follow in folder order.
COURSE_ORDER = ["victim-centered", "first-response"]


def ensure_catalogue(home: HomePage) -> CourseIndexPage:
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = CourseIndexPage()
        for field in ("title", "slug", "intro"):
            set_translated(catalogue, field, CATALOGUE[field], ("en", "es"))
        add_published_page(home, catalogue)
    return catalogue


def ensure_topics() -> dict[str, Topic]:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for slug, names in TOPICS.items():
        if slug not in topics:
            topic = Topic(slug=slug)
            set_translated(topic, "name", names, ("en", "es"))
            topic.save()
            topics[slug] = topic
    return topics


def draw_signature_png() -> bytes:
    """A plain handwritten-looking scribble: a demo signature, drawn in code."""
    from PIL import Image, ImageDraw

    width, height = 600, 180
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(400):
        t = step / 399
        x = 40 + t * 500
        y = (
            95
            - 38 * math.sin(t * 9 * math.pi) * (1 - 0.55 * t)
            - 12 * math.sin(t * 2.3)
        )
        points.append((x, y))
    draw.line(points, fill=(20, 30, 80, 255), width=4, joint="curve")
    draw.line([(60, 140), (540, 128)], fill=(20, 30, 80, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_demo_signatory() -> Signatory:
    signatory = Signatory.objects.filter(name=SIGNATORY["name"]).first()
    if signatory is not None:
        return signatory
    data = io.BytesIO(draw_signature_png())
    digest = hash_filelike(data)
    Image = get_image_model()
    image = Image.objects.filter(file_hash=digest).first()
    if image is None:
        data.seek(0)
        image = Image(
            title=f"Signature: {SIGNATORY['name']}",
            file=ImageFile(data, name="demo-signature.png"),
            file_hash=digest,
        )
        image.save()
    signatory = Signatory(name=SIGNATORY["name"], signature=image)
    set_translated(signatory, "title", SIGNATORY["title"], ("en", "es"))
    signatory.save()
    return signatory


def demo_course_folders() -> list[Path]:
    """Every folder with a course.json: COURSE_ORDER first, then by folder name."""
    return course_folders(COURSE_FIXTURES, COURSE_ORDER)


@transaction.atomic
def load_demo_courses(*, replace: bool = False) -> list[CoursePage]:
    """Import every course under fixtures/courses/, published, in both languages.

    A course is known by the ``key`` of its course.json (``CoursePage.import_key``):
    an existing one is left as editors made it, unless ``replace`` is true, which
    deletes it and imports it again.
    """
    with translation.override("en"):
        catalogue = ensure_catalogue(ensure_home_page())
        topics = ensure_topics()
        signatory = ensure_demo_signatory()
        media = MediaLibrary(MEDIA_FIXTURES)
        courses, prerequisites = [], {}
        for folder in demo_course_folders():
            spec = json.loads((folder / "course.json").read_text("utf-8"))
            prerequisites[spec["key"]] = spec.get("prerequisites", [])
            existing = CoursePage.objects.filter(import_key=spec["key"]).first()
            if existing is not None and not replace:
                courses.append(existing)
                continue
            if existing is not None:
                existing.delete()
            courses.append(
                import_course(
                    catalogue, folder, media=media, topics=topics, signatory=signatory
                )
            )
        _link_prerequisites(courses, prerequisites)
    return courses


def _link_prerequisites(courses: list[CoursePage], keys: dict[str, list[str]]) -> None:
    by_key = {course.import_key: course for course in courses}
    for course in courses:
        wanted = [
            by_key[key] for key in keys.get(course.import_key, []) if key in by_key
        ]
        current = set(course.prerequisites.values_list("pk", flat=True))
        if {c.pk for c in wanted} != current:
            course.prerequisites.set(wanted)
            course.save()
            publish_saved(course)
