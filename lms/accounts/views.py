"""Account pages of our own (allauth provides sign-up, login, email and password)."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from .forms import ProfileForm


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "account/profile.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your profile has been saved."))
        return response


def too_many_requests(request):
    """allauth's rate limits answer with this page (``handler429`` in lms/urls.py)."""
    return render(
        request, "account/429.html", status=HTTPStatus.TOO_MANY_REQUESTS.value
    )
