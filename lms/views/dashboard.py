"""Learner pages: the dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .dashboard import get_dashboard_panels


@login_required
def dashboard(request):
    return render(
        request, "lms/dashboard.html", {"panels": get_dashboard_panels(request)}
    )
