"""The registration form of an event page: validate, take a seat (or a place in line), redirect.

The form posts to the `events_register` view (never to the page, so the page models import no
service); a refused submission re-renders the event page with the bound form and the refusal.
"""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from events import booking, tokens
from events.forms import RegistrationForm
from hub import locales
from hub.ratelimit import over_limit

logger = logging.getLogger(__name__)


def _render_event_page(page, request, form, status: int = 200):
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def register_from_event_page(page, request, booked=None):
    """The event page's form posted: validate, take a seat or a place in line, show the status.

    `booked`: the event whose seats are taken, when not `page` (the French original of an
    English page); refusals are still shown on `page`, in the visitor's language.
    """
    form = RegistrationForm(request.POST)
    if form.is_spam:
        logger.info("event=registration_honeypot event_id=%s", page.pk)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Votre inscription n’a pas pu être enregistrée. Si vous utilisez un "
                "remplissage automatique, videz le champ « Ne pas remplir » et réessayez."
            ),
        )
        return _render_event_page(page, request, form, status=400)
    if over_limit(request, "events-register", **registration_rate_limit()):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Trop de tentatives d’inscription depuis votre connexion. Patientez quelques "
                "minutes puis réessayez : vos réponses sont conservées ci-dessous."
            ),
        )
        return _render_event_page(page, request, form, status=429)
    if not form.is_valid():
        return _render_event_page(page, request, form, status=400)
    applicant = booking.Applicant.from_cleaned_data(form.cleaned_data)
    applicant.language = locales.active_language()
    try:
        registration = booking.register(booked or page, applicant)
    except booking.RegistrationRefused as refusal:
        form.add_error("email" if refusal.code == "duplicate" else None, refusal.message)
        return _render_event_page(page, request, form, status=409)
    return redirect("events_registration", token=tokens.make_token(registration))


def registration_rate_limit() -> dict:
    limit, window = settings.EVENTS_REGISTRATION_RATE_LIMIT
    return {"limit": limit, "window": window}
