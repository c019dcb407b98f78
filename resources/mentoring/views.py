"""Public endpoints: applying to a programme, answering a proposal, the printable attestation."""

import logging

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub import locales
from hub.ratelimit import over_limit
from hub.visibility import exclude_restricted
from resources.mentoring import applications, pairings, tokens
from resources.mentoring.choices import PairingState
from resources.mentoring.forms import ApplicationForm, EvaluationForm
from resources.mentoring.models import MentoringProgrammePage

logger = logging.getLogger(__name__)


def _render_programme(page, request, form, status: int):
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
def apply(request, page_id: int):
    """The application form's target; errors come back on the programme page with status 400."""
    page = get_object_or_404(
        exclude_restricted(MentoringProgrammePage.objects.live(), prefix=""), pk=page_id
    )
    form = ApplicationForm(request.POST)
    if not page.is_open:
        return _render_programme(page, request, form, status=409)
    if form.is_spam:
        logger.info("event=mentoring_honeypot programme=%s", page.pk)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Votre candidature n’a pas pu être enregistrée. Si vous utilisez un remplissage "
                "automatique, videz le champ « Ne pas remplir » et réessayez."
            ),
        )
        return _render_programme(page, request, form, status=400)
    limit, window = settings.MENTORING_APPLICATION_RATE_LIMIT
    if over_limit(request, "mentoring-apply", limit=limit, window=window):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Trop de candidatures depuis votre connexion. Patientez une heure puis "
                "réessayez : vos réponses sont conservées ci-dessous."
            ),
        )
        return _render_programme(page, request, form, status=429)
    if not form.is_valid():
        return _render_programme(page, request, form, status=400)
    account = request.user if request.user.is_authenticated else None
    # Applications go to the French programme, whatever the language of the page (one call).
    applications.submit(locales.original(page), form.cleaned_data, account=account)
    return render(request, "mentoring/application_received.html", {"page": page})


def _link_error(request, purpose: str, token: str):
    try:
        return tokens.read_token(token, purpose), None
    except tokens.TokenExpired:
        message = _(
            "Ce lien a expiré. Utilisez le lien du dernier e-mail reçu, ou écrivez-nous pour "
            "en recevoir un nouveau."
        )
    except tokens.TokenInvalid:
        message = _(
            "Ce lien n’est pas valide : il a peut-être été mal copié. Utilisez le lien tel qu’il "
            "figure dans l’e-mail reçu."
        )
    response = render(request, "mentoring/link_error.html", {"message": message})
    response.status_code = 400
    return None, response


@never_cache  # personal: never in the anonymous page cache
@require_http_methods(["GET", "POST"])
def pairing(request, token: str):
    """A person's view of their pairing: answer a proposal, then read the attestation, evaluate.

    GET never changes anything (mail scanners follow links); answers are POSTed.
    """
    found, error = _link_error(request, "pairing", token)
    if error:
        return error
    current, role = found
    form = EvaluationForm(initial={"evaluation": getattr(current, f"{role}_evaluation")})
    status, done, refused = 200, "", ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("accept", "decline"):
                current = pairings.respond(current, role, accept=action == "accept")
                done = _("Merci, votre réponse est enregistrée.")
            elif action == "evaluate":
                form = EvaluationForm(request.POST)
                if form.is_valid():
                    current = pairings.evaluate(current, role, form.cleaned_data["evaluation"])
                    done = _("Merci pour votre bilan.")
                else:
                    status = 400
            else:
                status, done = 400, ""
        except pairings.PairingRefused as refusal:
            status, refused = 409, refusal.message
    return render(
        request,
        "mentoring/pairing.html",
        {
            "pairing": current,
            "role": role,
            "me": current.party(role),
            "partner": current.party("mentee" if role == "mentor" else "mentor"),
            "my_answer": getattr(current, f"{role}_accepted_at"),
            "my_evaluation": getattr(current, f"{role}_evaluation"),
            "domains": current.domains.all(),
            "form": form,
            "done": done,
            "refused": refused,
            "attestation_url": tokens.path(current, role, "attestation")
            if current.state == PairingState.COMPLETED
            else "",
        },
        status=status,
    )


@never_cache
@require_GET
def attestation(request, token: str):
    """The printable attestation of a completed pairing (print CSS: the browser makes the PDF)."""
    found, error = _link_error(request, "attestation", token)
    if error:
        return error
    current, role = found
    if current.state != PairingState.COMPLETED:
        response = render(
            request,
            "mentoring/link_error.html",
            {"message": _("L’attestation sera disponible à la fin du binôme.")},
        )
        response.status_code = 409
        return response
    return render(
        request,
        "mentoring/attestation.html",
        {
            "pairing": current,
            "role": role,
            "me": current.party(role),
            "partner": current.party("mentee" if role == "mentor" else "mentor"),
            "domains": current.domains.all(),
        },
    )
