"""The admin's small forms: the reason every revoke, reissue and decline needs (kept in
the audit log; approving needs none), and the language and paper of an
administrator's download.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from certificates.models import CertificateLanguage, PaperSize


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the audit log."),
    )


class DeclineForm(ReasonForm):
    """The approval queue's reason box, shown with the decline button only."""

    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Needed to decline; kept in the audit log. Approving needs none."),
    )


class DownloadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=CertificateLanguage)
    paper = forms.ChoiceField(label=_("Paper size"), choices=PaperSize)


def posted_reason(request) -> str | None:
    """The reason posted with an action, or None after telling the person one is
    needed (the action is then not done)."""
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give a reason for this action."))
        return None
    return form.cleaned_data["reason"]
