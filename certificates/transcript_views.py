"""The signed-in learner's own transcript, as a page and as a PDF.

Only ever the requesting learner's: there is no id in the URL, so another
person's transcript cannot be reached. Thin: data and drawing are in
``certificates.transcripts``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from certificates.models import PaperSize
from certificates.services import default_paper_for
from certificates.transcripts import get_transcript_for_user, render_transcript_pdf


def _language(request) -> str:
    language = request.GET.get("language") or get_language()
    return language if language in ("en", "es") else "en"


@login_required
def transcript(request):
    language = _language(request)
    return render(
        request,
        "certificates/transcript.html",
        {"transcript": get_transcript_for_user(request.user, language)},
    )


@login_required
def transcript_pdf(request):
    language = _language(request)
    paper = request.GET.get("paper")
    if paper not in PaperSize.values:
        paper = default_paper_for(request.user)
    data = render_transcript_pdf(
        get_transcript_for_user(request.user, language), language=language, paper=paper
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="transcript-{language}.pdf"'
    )
    return response
