"""The learner dashboard: courses, progress, quiz results and other apps' panels.

Kept whole per learner until their records change (``learner_pages``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.models import CourseIndexPage
from lms.learning.dashboard import get_dashboard_panels, get_learner_dashboard
from lms.learning.learner_pages import serve_learner_page


@login_required
def dashboard(request):
    def page(csrf_token):
        context = {
            "learning": get_learner_dashboard(request.user, request),
            "panels": get_dashboard_panels(request),
            "catalogue_page": CourseIndexPage.objects.live().first(),
        }
        if csrf_token is not None:
            context["csrf_token"] = csrf_token
        return render(request, "lms/dashboard.html", context)

    return serve_learner_page(request, "dashboard", page)
