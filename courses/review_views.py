"""Admin views of course review: the courses with changes or waiting for review, and
one course's pages with its actions (submit all; approve and publish all; request
changes). Thin views over ``courses.review``; registered in ``courses.wagtail_hooks``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page
from wagtail.permissions import policy_registry

from courses.models import CoursePage
from courses.review import (
    CourseReviewError,
    approve_course,
    can_submit,
    get_course_review,
    reject_course,
    reviewer_actions,
    submit_course,
)


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the authors"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required


class ReviewPermissionMixin(PermissionCheckedMixin):
    """Whoever may edit pages (trainers and program administrators)."""

    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)


class CourseReviewIndexView(
    ReviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    page_title = _("Course review")
    header_icon = "tasks"
    template_name = "courses/admin/course_review_index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        for course in CoursePage.objects.order_by("path"):
            if not course.permissions_for_user(user).can_edit():
                continue
            review = get_course_review(course)
            if not (review.to_submit or review.in_review):
                continue
            rows.append(
                {
                    "review": review,
                    "url": reverse("courses_course_review", args=[course.pk]),
                    "changed": len(review.with_status("changed")),
                    "in_review": len(review.in_review),
                    "needs_changes": len(review.with_status("needs_changes")),
                }
            )
        context["rows"] = rows
        return context


class CourseReviewView(ReviewPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"
    template_name = "courses/admin/course_review.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = get_object_or_404(CoursePage, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not self.course.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review of “%(course)s”") % {
            "course": self.course.get_admin_display_title()
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("courses_course_review_index"),
                "label": _("Course review"),
            },
            {"url": "", "label": self.course.get_admin_display_title()},
        ]

    def get_context_data(self, approve_form=None, reject_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        review = get_course_review(self.course)
        actions = [reviewer_actions(item, user) for item in review.in_review]
        context.update(
            review=review,
            rows=[
                {
                    "item": item,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[item.page.pk]),
                    "preview_url": reverse(
                        "wagtailadmin_pages:workflow_preview",
                        args=[item.page.pk, item.task_state.task_id],
                    )
                    if item.task_state
                    else "",
                }
                for item in review.pages
            ],
            can_submit=bool(review.to_submit)
            and all(can_submit(item, user) for item in review.to_submit),
            can_approve=bool(actions) and all("approve" in a for a in actions),
            can_reject=bool(actions) and all("reject" in a for a in actions),
            approve_form=approve_form or ReviewCommentForm(prefix="approve"),
            reject_form=reject_form
            or ReviewCommentForm(prefix="reject", required=True),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "submit":
                pages = submit_course(self.course, request.user)
                message = ngettext(
                    "%(count)s page of the course was submitted for review.",
                    "%(count)s pages of the course were submitted for review.",
                    len(pages),
                )
            elif action in ("approve", "reject"):
                form = ReviewCommentForm(
                    request.POST, prefix=action, required=action == "reject"
                )
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(**{f"{action}_form": form}), status=400
                    )
                comment = form.cleaned_data["comment"]
                if action == "approve":
                    pages = approve_course(self.course, request.user, comment)
                    message = ngettext(
                        "%(count)s page of the course was approved and published.",
                        "%(count)s pages of the course were approved and published.",
                        len(pages),
                    )
                else:
                    pages = reject_course(self.course, request.user, comment)
                    message = ngettext(
                        "%(count)s page of the course was sent back for changes.",
                        "%(count)s pages of the course were sent back for changes.",
                        len(pages),
                    )
            else:
                messages.error(request, _("Choose what to do with the course."))
                return self.render_to_response(self.get_context_data(), status=400)
        except CourseReviewError as error:
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(), status=409)
        messages.success(request, message % {"count": len(pages)})
        return redirect("courses_course_review", pk=self.course.pk)
