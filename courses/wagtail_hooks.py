"""Admin registrations of the courses app: snippets, the reports, course review, and
the editor's side-by-side languages (stylesheet and language view).

The permissions its snippets need are listed in ``courses.permissions``; lms grants
them to its roles.
"""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, re_path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ButtonItem
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import CoursePage, Signatory, Topic
from courses.quality_views import ContentQualityCourseView, ContentQualityIndexView
from courses.review import find_course
from courses.review_views import CourseReviewIndexView, CourseReviewView
from courses.richtext_entities import register_safe_handlers
from courses.views import TranslationReportView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class SignatoryViewSet(SnippetViewSet):
    model = Signatory
    icon = "user"
    menu_label = _("Signatories")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "title"]


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("puente-admin/editor.css")
    )


@hooks.register("insert_editor_js")
def language_view_js():
    return render_to_string("courses/admin/language_view.html")


# After Wagtail's own (order 0): links and embeds that cannot be resolved render as
# plain text instead of raising while a page renders.
hooks.register("register_rich_text_features", register_safe_handlers, order=100)

register_snippet(TopicViewSet)
register_snippet(SignatoryViewSet)


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [
        path(
            "reports/translation-completeness/",
            TranslationReportView.as_view(),
            name="courses_translation_report",
        )
    ]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_content_quality_urls():
    return [
        path(
            "reports/content-quality/",
            ContentQualityIndexView.as_view(),
            name="courses_content_quality",
        ),
        # At most 18 digits: a longer id is a 404, not an overflowing query (a 500).
        re_path(
            r"^reports/content-quality/(?P<pk>[0-9]{1,18})/$",
            ContentQualityCourseView.as_view(),
            name="courses_content_quality_course",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_content_quality_menu_item():
    return TranslationReportMenuItem(
        _("Content quality"),
        reverse("courses_content_quality"),
        name="content-quality",
        icon_name="tick-inverse",
        order=660,
    )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation completeness"),
        reverse("courses_translation_report"),
        name="translation-completeness",
        icon_name="globe",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_course_review_urls():
    return [
        path(
            "course-review/",
            CourseReviewIndexView.as_view(),
            name="courses_course_review_index",
        ),
        re_path(
            r"^course-review/(?P<pk>[0-9]{1,18})/$",
            CourseReviewView.as_view(),
            name="courses_course_review",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_course_review_menu_item():
    return TranslationReportMenuItem(
        _("Course review"),
        reverse("courses_course_review_index"),
        name="course-review",
        icon_name="tasks",
        order=250,
    )


def _course_review_button(course, user):
    if course is None or not course.permissions_for_user(user).can_edit():
        return []
    url = reverse("courses_course_review", args=[course.pk])
    return [ButtonItem(_("Course review"), url, icon_name="tasks", priority=70)]


@hooks.register("register_page_header_buttons")
def course_review_header_button(page, user, view_name, next_url=None):
    return _course_review_button(find_course(page), user)


@hooks.register("register_page_listing_more_buttons")
def course_review_listing_button(page, user, next_url=None):
    # Course rows only: no query per row for the pages inside a course.
    if page.specific_class is not CoursePage:
        return []
    return _course_review_button(page, user)
