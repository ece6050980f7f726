"""Account pages of our own (allauth provides sign-up, login, email and password):
the profile, the data download, self-service deletion, and allauth's sign-up view
with a limit on refused attempts (``SIGNUP_FAILED``) instead of on sign-ups."""

from http import HTTPStatus

from allauth.account.views import SignupView as AllauthSignupView
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import UpdateView

from lms.accounts.forms import DeleteAccountForm, ProfileForm
from lms.accounts.privacy.deletion import delete_account, get_deletion_refusal
from lms.accounts.privacy.export import export_personal_data

DATA_FORMATS = ("json", "csv")
# allauth rate-limit action (``ACCOUNT_RATE_LIMITS``) counting refused sign-up forms.
SIGNUP_FAILED = "signup_failed"


class SignupView(AllauthSignupView):
    """A class signing up from one agency network is not stopped by how many sign
    up (allauth's own ``signup`` limit is only an abuse ceiling): the IP is paused
    after too many refused forms (docs/security.md, "Self sign-up")."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not ratelimit.consume(
            request, action=SIGNUP_FAILED, dry_run=True
        ):
            return ratelimit.respond_429(request)
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.consume(self.request, action=SIGNUP_FAILED)
        return super().form_invalid(form)


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


@login_required
@require_GET
def your_data(request):
    return render(request, "account/your_data.html")


@never_cache
@login_required
@require_GET
def download_data(request, data_format: str):
    """The signed-in person's own data only: there is no id in the URL."""
    if data_format not in DATA_FORMATS:
        raise Http404
    content, content_type, filename = export_personal_data(request.user, data_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account_view(request):
    refusal = get_deletion_refusal(request.user)
    if refusal:
        return render(
            request,
            "account/delete_account.html",
            {"refusal": refusal},
            status=HTTPStatus.FORBIDDEN if request.method == "POST" else 200,
        )
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        logout(request)
        return redirect("account_deleted")
    status = HTTPStatus.BAD_REQUEST if request.method == "POST" else HTTPStatus.OK
    return render(request, "account/delete_account.html", {"form": form}, status=status)


@require_GET
def account_deleted(request):
    return render(request, "account/account_deleted.html")


def too_many_requests(request):
    """allauth's rate limits answer with this page (``handler429`` in lms/urls.py)."""
    return render(
        request, "account/429.html", status=HTTPStatus.TOO_MANY_REQUESTS.value
    )
