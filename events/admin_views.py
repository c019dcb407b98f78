"""Wagtail admin: registrations of one event (list, search, export, actions), and an overview."""

import csv
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from events import booking
from events.choices import RegistrationMode, RegistrationStatus
from events.models import EventPage, Registration
from hub.locales import in_default_locale

ADMIN_PAGE_SIZE = 50
ACTIONS = {
    "cancel": lambda registration: booking.cancel(registration, by_editor=True),
    "promote": booking.promote,
    "accept": booking.accept,
    "decline": booking.decline,
    "attended": lambda registration: booking.mark_attended(registration, True),
    "not_attended": lambda registration: booking.mark_attended(registration, False),
}
ACTION_DONE = {
    "cancel": gettext_lazy("Inscription de %(name)s annulée."),
    "promote": gettext_lazy("%(name)s a reçu une place ; un e-mail l’en informe."),
    "accept": gettext_lazy("Demande de %(name)s acceptée ; un e-mail l’en informe."),
    "decline": gettext_lazy("Demande de %(name)s refusée ; un e-mail l’en informe."),
    "attended": gettext_lazy("Présence de %(name)s enregistrée."),
    "not_attended": gettext_lazy("Présence de %(name)s retirée."),
}


class ManualRegistrationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nom et prénom"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail"), max_length=254)
    organisation = forms.CharField(label=gettext_lazy("Structure"), max_length=200, required=False)
    role = forms.CharField(label=gettext_lazy("Fonction"), max_length=200, required=False)
    accessibility_needs = forms.CharField(
        label=gettext_lazy("Besoins d’accessibilité"), required=False, widget=forms.Textarea
    )
    notify = forms.BooleanField(
        label=gettext_lazy("Envoyer l’e-mail de confirmation"), required=False, initial=True
    )


def _event_for_editor(request, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage.objects.select_related("venue"), pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def status_counts(event_id: int) -> dict[str, int]:
    rows = (
        Registration.objects.filter(event_id=event_id)
        .values("status")
        .annotate(total=Count("pk"))
        .order_by()
    )
    counts = {status.value: 0 for status in RegistrationStatus}
    counts.update({row["status"]: row["total"] for row in rows})
    return counts


@require_http_methods(["GET", "POST"])
def event_registrations(request, page_id: int):
    event = _event_for_editor(request, page_id)
    add_form = ManualRegistrationForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "add":
            add_form = ManualRegistrationForm(request.POST)
            if add_form.is_valid():
                data = add_form.cleaned_data
                try:
                    registration = booking.register(
                        event,
                        booking.Applicant.from_cleaned_data(data),
                        source=Registration.Source.EDITOR,
                        notify=data["notify"],
                    )
                except booking.RegistrationRefused as refusal:
                    messages.error(request, refusal.message)
                else:
                    messages.success(
                        request,
                        _("Inscription de %(name)s enregistrée : %(status)s.")
                        % {"name": registration.name, "status": registration.get_status_display()},
                    )
                    return redirect(request.get_full_path())
        elif action in ACTIONS:
            registration = get_object_or_404(
                Registration, pk=request.POST.get("registration"), event=event
            )
            try:
                ACTIONS[action](registration)
            except booking.RegistrationRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, ACTION_DONE[action] % {"name": registration.name})
            return redirect(request.get_full_path())
        else:
            messages.error(request, _("Action inconnue."))
            return redirect(request.get_full_path())

    registrations = Registration.objects.filter(event=event)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(organisation__icontains=query)
        )
    status = request.GET.get("status", "")
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    registrations = registrations.order_by("status", "waitlisted_at", "created_at", "id")
    if request.GET.get("export") == "csv":
        return _csv_export(event, registrations)
    paginator = Paginator(registrations, ADMIN_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("p"))
    counts = status_counts(event.pk)
    event.seats_taken = counts[RegistrationStatus.CONFIRMED]  # what seats_left reads
    return TemplateResponse(
        request,
        "events/admin/event_registrations.html",
        {
            "event": event,
            "page_title": _("Inscriptions : %(title)s") % {"title": event.title},
            "header_icon": "group",
            "counts": counts,
            "seats_left": event.seats_left,
            "page_obj": page_obj,
            "registrations": page_obj.object_list,
            "query": query,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "add_form": add_form,
        },
    )


def _csv_export(event: EventPage, registrations) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"inscriptions-{slugify(event.title)[:50]}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: Excel opens UTF-8 accents correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Nom"),
            _("E-mail"),
            _("Structure"),
            _("Fonction"),
            _("Besoins d’accessibilité"),
            _("Statut"),
            _("Inscrit le"),
            _("Présence"),
        ]
    )
    for registration in registrations.iterator():
        writer.writerow(
            [
                _safe_cell(registration.name),
                registration.email,
                _safe_cell(registration.organisation),
                _safe_cell(registration.role),
                _safe_cell(registration.accessibility_needs),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
                _("oui") if registration.attended_at else "",
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ would be evaluated.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _count_with_status(status: str) -> Count:
    return Count("registrations", filter=Q(registrations__status=status))


def registrations_overview(request):
    """Every upcoming (and recently past) event with its counts, in one query."""
    since = timezone.now() - timedelta(days=60)
    # Registrations are held by the French original of each event (hub/locales.py).
    events = (
        in_default_locale(EventPage.objects.filter(end__gte=since))
        .exclude(registration_mode__in=[RegistrationMode.NONE, RegistrationMode.EXTERNAL])
        .annotate(
            confirmed=_count_with_status(RegistrationStatus.CONFIRMED),
            waiting=_count_with_status(RegistrationStatus.WAITING),
            pending=_count_with_status(RegistrationStatus.PENDING),
            cancelled=_count_with_status(RegistrationStatus.CANCELLED),
        )
        .order_by("start")
        .only("title", "start", "end", "capacity", "live", "status")
    )
    return TemplateResponse(
        request,
        "events/admin/registrations_overview.html",
        {"events": events, "page_title": _("Inscriptions aux événements"), "header_icon": "group"},
    )
