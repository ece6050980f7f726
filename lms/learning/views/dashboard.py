"""The learner dashboard: courses, progress, quiz results and other apps' panels."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.models import CourseIndexPage
from lms.learning.dashboard import get_dashboard_panels, get_learner_dashboard


@login_required
def dashboard(request):
    return render(
        request,
        "lms/dashboard.html",
        {
            "learning": get_learner_dashboard(request.user, request),
            "panels": get_dashboard_panels(request),
            "catalogue_page": CourseIndexPage.objects.live().first(),
        },
    )
