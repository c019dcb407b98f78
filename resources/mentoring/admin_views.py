"""Wagtail admin: programmes with their counts, the matching board, one pairing's steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resources.mentoring import applications, matching, pairings
from resources.mentoring.choices import OPEN_PAIRING_STATES, PairingState
from resources.mentoring.forms import CompleteForm, StartForm
from resources.mentoring.models import MentoringProgrammePage, Pairing

CANDIDATES_PER_SEEKER = 5


def _require_editor(request) -> None:
    if not request.user.has_perm("mentoring.add_pairing"):
        raise PermissionDenied


def overview(request):
    """Each programme with its call's state and its counts per state, in three queries."""
    _require_editor(request)
    counts = applications.counts_per_programme()
    programmes = list(MentoringProgrammePage.objects.order_by("title"))
    for programme in programmes:
        programme.counts = counts.get(programme.pk, {})
    return TemplateResponse(
        request,
        "mentoring/admin/overview.html",
        {"programmes": programmes, "page_title": _("Mentorat"), "header_icon": "group"},
    )


def _posted_id(request, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError as error:
        raise pairings.PairingRefused(_("Proposition incomplète : rechargez la page.")) from error


@require_http_methods(["GET", "POST"])
def board(request, programme_id: int):
    """For each seeker without a pairing, the best mentors and why; one click proposes."""
    _require_editor(request)
    programme = get_object_or_404(MentoringProgrammePage, pk=programme_id)
    if request.method == "POST":
        try:
            pairing = pairings.propose(
                _posted_id(request, "mentee"), _posted_id(request, "mentor"), by=request.user
            )
        except pairings.PairingRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Binôme proposé : %(pairing)s. Un e-mail demande leur accord aux deux personnes.")
                % {"pairing": pairing},
            )
        return redirect("mentoring_board", programme_id=programme.pk)
    programme_pairings = (
        Pairing.objects.filter(programme=programme)
        .select_related("mentor", "mentee")
        .order_by("-proposed_at")
    )
    return TemplateResponse(
        request,
        "mentoring/admin/board.html",
        {
            "programme": programme,
            "rows": matching.board(programme.pk, CANDIDATES_PER_SEEKER),
            "pairings": programme_pairings,
            "page_title": _("Mise en relation : %(title)s") % {"title": programme.title},
            "header_icon": "group",
        },
    )


@require_http_methods(["GET", "POST"])
def pairing_detail(request, pairing_id: int):
    """A pairing's answers and evaluations, and the editor's steps: start, complete, cancel."""
    _require_editor(request)
    pairing = get_object_or_404(
        Pairing.objects.select_related("mentor", "mentee", "programme"), pk=pairing_id
    )
    start_form, complete_form = StartForm(), CompleteForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                start_form = StartForm(request.POST)
                if start_form.is_valid():
                    pairings.start(pairing, **start_form.cleaned_data)
                    messages.success(
                        request, _("Le binôme démarre ; les deux personnes sont prévenues.")
                    )
                    return redirect("mentoring_pairing_detail", pairing_id=pairing.pk)
            elif action == "complete":
                complete_form = CompleteForm(request.POST)
                if complete_form.is_valid():
                    pairings.complete(pairing, **complete_form.cleaned_data)
                    messages.success(request, _("Binôme terminé ; les attestations sont envoyées."))
                    return redirect("mentoring_pairing_detail", pairing_id=pairing.pk)
            elif action == "cancel":
                pairings.cancel(pairing)
                messages.success(request, _("Binôme annulé ; les deux personnes sont prévenues."))
                return redirect("mentoring_pairing_detail", pairing_id=pairing.pk)
        except pairings.PairingRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("mentoring_pairing_detail", pairing_id=pairing.pk)
    return TemplateResponse(
        request,
        "mentoring/admin/pairing.html",
        {
            "pairing": pairing,
            "domains": pairing.domains.all(),
            "start_form": start_form,
            "complete_form": complete_form,
            "can_start": pairing.state == PairingState.ACCEPTED,
            "can_complete": pairing.state == PairingState.ACTIVE,
            "can_cancel": pairing.state in OPEN_PAIRING_STATES,
            "board_url": reverse("mentoring_board", kwargs={"programme_id": pairing.programme_id}),
            "page_title": _("Binôme : %(pairing)s") % {"pairing": pairing},
            "header_icon": "group",
        },
    )
