"""Public endpoints: registering, seeing or cancelling a registration, calendar files and feeds."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events import booking, calendars, registering, tokens
from events.forms import CancelForm
from events.models import EventCyclePage, EventPage
from hub import locales
from hub.locales import in_active_locale
from hub.visibility import exclude_restricted

FEED_PAST_DAYS = 30


# Composed once, cloned by each request (a queryset runs only when evaluated): building the
# restriction filter cost more CPU than running it, on every registration.
# The venue, the locale (the e-mail, the French original) and the seat state (the calendar
# sequence of the e-mail rendered before the lock) come with the page; the programme only
# loads if a refused form re-renders the page.
_REGISTRABLE_EVENTS = (
    exclude_restricted(EventPage.objects.live(), prefix="")
    .select_related("venue", "locale", "state")
    .defer("body")
)


@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    """The registration form's target: the event by id, without walking Wagtail's page tree.

    A refused submission is shown at this address; opening it again (GET) leads to the event.
    """
    page = get_object_or_404(_REGISTRABLE_EVENTS, pk=event_id)
    if request.method == "GET":
        return redirect(page.get_url(request) + "#inscription")
    # An English page takes the seats of its French original (one capacity, one list).
    return registering.register_from_event_page(page, request, booked=locales.original(page))


def _registration_or_error(request, token: str):
    try:
        return tokens.registration_for_token(token), None
    except tokens.TokenExpired:
        message = _(
            "Ce lien a expiré. Utilisez le lien du dernier e-mail reçu, ou écrivez-nous pour "
            "modifier votre inscription."
        )
    except tokens.TokenInvalid:
        message = _(
            "Ce lien n’est pas valide : il a peut-être été mal copié. Utilisez le lien tel qu’il "
            "figure dans l’e-mail reçu."
        )
    response = render(request, "events/registration_link_error.html", {"message": message})
    response.status_code = 400
    return None, response


@never_cache  # personal, and its status changes: never in the anonymous page cache
@require_GET
def registration_detail(request, token: str):
    """What the person sees after registering, and from the e-mail's link."""
    registration, error = _registration_or_error(request, token)
    if error:
        return error
    event = locales.localized_for(registration.event, locales.active_language())
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "position": registration.waiting_position(),
            "token": token,
            "can_cancel": registration.is_active
            and not (event.start and event.start <= timezone.now()),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    """GET asks for confirmation (mail scanners only GET); POST cancels."""
    registration, error = _registration_or_error(request, token)
    if error:
        return error
    event = locales.localized_for(registration.event, locales.active_language())
    context = {"registration": registration, "event": event, "token": token}
    if not registration.is_active:
        return render(request, "events/registration_cancelled.html", {**context, "already": True})
    if request.method == "POST" and CancelForm(request.POST).is_valid():
        try:
            booking.cancel(registration)
        except booking.RegistrationRefused as refusal:
            context["refusal"] = refusal.message
            response = render(request, "events/registration_cancel.html", context)
            response.status_code = 409
            return response
        return render(request, "events/registration_cancelled.html", context)
    return render(request, "events/registration_cancel.html", context)


def _ics_response(content: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_GET
def event_ics(request, event_id: int):
    event = get_object_or_404(
        exclude_restricted(EventPage.objects.live(), prefix="").select_related("venue", "state"),
        pk=event_id,
    )
    if event.start is None:
        raise Http404
    return _ics_response(calendars.event_ics(event), f"{slugify(event.title)[:60]}.ics")


def _feed_events(queryset):
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    # A few recent past events stay in the feed so subscribers' calendars keep them.
    return (
        exclude_restricted(queryset.live(), prefix="")
        .filter(end__gte=since, start__isnull=False)
        .select_related("venue", "state")
        .defer_streamfields()
        .order_by("start")
    )


@require_GET
@cache_control(max_age=900, public=True)
def agenda_feed(request):
    events = _feed_events(in_active_locale(EventPage.objects.all()))
    name = _("Agenda — Passerelles")
    return _ics_response(calendars.feed_ics(events, name), "agenda.ics", disposition="inline")


@require_GET
@cache_control(max_age=900, public=True)
def cycle_feed(request, cycle_id: int):
    cycle = get_object_or_404(
        exclude_restricted(EventCyclePage.objects.live(), prefix=""), pk=cycle_id
    )
    events = _feed_events(EventPage.objects.child_of(cycle))
    return _ics_response(
        calendars.feed_ics(events, cycle.title),
        f"{slugify(cycle.title)[:60]}.ics",
        disposition="inline",
    )
