"""Taking, freeing and handing on seats: the only code that changes a registration's status.

Every change runs in one transaction holding the event's EventState row lock
(SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers with IMMEDIATE transactions),
so the seat count read is still true when the seat is taken: capacity is never exceeded.
E-mails leave after the commit, so nobody is told about a seat that was rolled back.

Events come in as their pages (an EventPage, read through its fields): this module imports only
the registration models, so the page model can hand its form to it without an import circle.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task
from wagtail.models import Page

from events.choices import ACTIVE_STATUSES, RegistrationMode, RegistrationStatus
from events.models.registrations import EventState, Registration, normalise_email
from hub.cache import purge_page_cache


class RegistrationRefused(Exception):
    """A registration change that cannot happen; `message` is shown to the person, in French."""

    def __init__(self, message: str, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Applicant:
    name: str
    email: str
    organisation: str = ""
    role: str = ""
    accessibility_needs: str = ""
    consent: bool = True
    language: str = "fr"  # of the page registered from: the person's e-mails are in it

    @classmethod
    def from_cleaned_data(cls, data: dict) -> "Applicant":
        """From a registration form's cleaned data (the editors' form asks no consent)."""
        return cls(
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            role=data["role"],
            accessibility_needs=data["accessibility_needs"],
            consent=data.get("consent", True),
        )


def _notify(registration: Registration, kind: str) -> None:
    # Queued, not sent in the request: a slow mail server never slows a registration down.
    registration_id = registration.pk
    transaction.on_commit(
        lambda: async_task(
            "events.emails.send_registration_email",
            registration_id,
            kind,
            task_name=f"events-mail-{kind}-{registration_id}",
        )
    )


def _lock(event_id: int) -> Page:
    """Lock the event's state row and return a fresh copy of the event (capacity may change)."""
    return EventState.objects.select_for_update().get(pk=event_id).event


def ensure_state(event_id: int) -> None:
    # Outside the seat transaction: get_or_create copes with two first registrations at once.
    EventState.objects.get_or_create(event_id=event_id)


def _is_full(event: Page) -> bool:
    return event.capacity is not None and _confirmed_count(event.pk) >= event.capacity


def _purge_cached_pages_if_fullness_changed(event: Page, was_full: bool) -> None:
    # Cached agenda cards and event pages say "places restantes" or "Complet": a change of
    # side must show at once; a count off by one seat for a few minutes is harmless.
    if _is_full(event) != was_full:
        transaction.on_commit(purge_page_cache)


def _seat_or_waiting_list(
    registration: Registration,
    event: Page,
    *,
    was_full: bool,
    now: datetime,
    full_message: str,
) -> None:
    """Confirm the registration if a seat is free, else put it on the waiting list.

    Raises RegistrationRefused("full") with `full_message` when there is no waiting list.
    """
    if not was_full:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
    elif event.waiting_list_enabled:
        registration.status = RegistrationStatus.WAITING
        registration.waitlisted_at = now
    else:
        raise RegistrationRefused(full_message, "full")


def _confirmed_count(event_id: int) -> int:
    return Registration.objects.filter(
        event_id=event_id, status=RegistrationStatus.CONFIRMED
    ).count()


def register(
    event: Page,
    applicant: Applicant,
    *,
    source: str = Registration.Source.PUBLIC,
    notify: bool = True,
) -> Registration:
    """Register someone: a seat if one is free, else the waiting list, or a request to approve.

    Raises RegistrationRefused (closed, full without waiting list, already registered).
    """
    ensure_state(event.pk)
    now = timezone.now()
    email_key = normalise_email(applicant.email)
    try:
        with transaction.atomic():
            event = _lock(event.pk)
            if source == Registration.Source.PUBLIC and not event.registration_is_open:
                raise RegistrationRefused(
                    _("Les inscriptions à cet événement ne sont pas ouvertes."), "closed"
                )
            if Registration.objects.filter(
                event_id=event.pk, email_normalised=email_key, status__in=ACTIVE_STATUSES
            ).exists():
                raise RegistrationRefused(_already_registered_message(), "duplicate")
            registration = Registration(
                event=event,
                name=applicant.name.strip(),
                email=applicant.email.strip(),
                organisation=applicant.organisation.strip(),
                role=applicant.role.strip(),
                accessibility_needs=applicant.accessibility_needs.strip(),
                consent_at=now if applicant.consent else None,
                source=source,
                language=applicant.language,
            )
            was_full = _is_full(event)
            if (
                event.registration_mode == RegistrationMode.APPROVAL
                and source == Registration.Source.PUBLIC
            ):
                registration.status = RegistrationStatus.PENDING
            else:
                _seat_or_waiting_list(
                    registration,
                    event,
                    was_full=was_full,
                    now=now,
                    full_message=_("Cet événement est complet et n'a pas de liste d'attente."),
                )
            registration.save()
            if registration.status == RegistrationStatus.CONFIRMED:
                _purge_cached_pages_if_fullness_changed(event, was_full)
            if notify:
                _notify(registration, registration.status)
    except IntegrityError as error:
        # Only the one-active-registration-per-e-mail constraint can fail here.
        raise RegistrationRefused(_already_registered_message(), "duplicate") from error
    return registration


def _already_registered_message() -> str:
    return _(
        "Cette adresse e-mail est déjà inscrite à cet événement. Le lien reçu par e-mail "
        "vous permet de consulter ou d'annuler votre inscription."
    )


def cancel(registration: Registration, *, by_editor: bool = False) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first people on the waiting list.

    Returns the registrations promoted in the same transaction.
    """
    ensure_state(registration.event_id)
    with transaction.atomic():
        event = _lock(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status not in ACTIVE_STATUSES:
            raise RegistrationRefused(_("Cette inscription est déjà annulée."), "not_active")
        if not by_editor and event.start and event.start <= timezone.now():
            raise RegistrationRefused(
                _("L'événement a commencé : l'inscription ne peut plus être annulée en ligne."),
                "started",
            )
        was_full = _is_full(event)
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.ics_sequence_offset += 1
        current.save()
        _notify(current, "cancelled")
        promoted = _fill_free_seats(event)
        _purge_cached_pages_if_fullness_changed(event, was_full)
    registration.refresh_from_db()
    return promoted


def fill_free_seats(event: Page) -> list[Registration]:
    """Give every free seat to the waiting list, in order (e.g. after the capacity is raised)."""
    ensure_state(event.pk)
    with transaction.atomic():
        return _fill_free_seats(_lock(event.pk))


def _fill_free_seats(event: Page) -> list[Registration]:
    if event.is_past or event.status != "scheduled":
        return []
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - _confirmed_count(event.pk)
        if free <= 0:
            return []
    waiting = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.WAITING
    ).order_by("waitlisted_at", "id")
    if free is not None:
        waiting = waiting[:free]
    promoted = list(waiting.select_for_update())
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _notify(registration, "promoted")
    return promoted


def promote(registration: Registration) -> Registration:
    """An editor gives a free seat to someone on the waiting list (out of turn if they wish)."""
    ensure_state(registration.event_id)
    with transaction.atomic():
        event = _lock(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.WAITING:
            raise RegistrationRefused(
                _("Seule une personne en liste d'attente peut recevoir une place."), "not_waiting"
            )
        if _is_full(event):
            raise RegistrationRefused(
                _("Aucune place libre : augmentez le nombre de places ou attendez une annulation."),
                "full",
            )
        current.status = RegistrationStatus.CONFIRMED
        current.confirmed_at = timezone.now()
        current.save()
        _purge_cached_pages_if_fullness_changed(event, was_full=False)
        _notify(current, "promoted")
    return current


def accept(registration: Registration) -> Registration:
    """An editor accepts a request: a seat if one is free, else the waiting list."""
    ensure_state(registration.event_id)
    with transaction.atomic():
        event = _lock(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.PENDING:
            raise RegistrationRefused(_("Cette demande a déjà été traitée."), "not_pending")
        now = timezone.now()
        was_full = _is_full(event)
        _seat_or_waiting_list(
            current,
            event,
            was_full=was_full,
            now=now,
            full_message=_("Plus aucune place libre : augmentez la jauge ou refusez la demande."),
        )
        kind = "accepted" if current.status == RegistrationStatus.CONFIRMED else "waiting"
        current.save()
        _purge_cached_pages_if_fullness_changed(event, was_full)
        _notify(current, kind)
    return current


def decline(registration: Registration) -> Registration:
    """An editor declines a request (or removes someone from the waiting list); they are told."""
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITING):
            raise RegistrationRefused(
                _("Seule une demande en attente peut être refusée."), "not_pending"
            )
        current.status = RegistrationStatus.DECLINED
        current.save()
        _notify(current, "declined")
    return current


def mark_attended(registration: Registration, attended: bool = True) -> Registration:
    """Check-in on the day (or undo it)."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationRefused(
            _("Seule une inscription confirmée peut être pointée présente."), "not_confirmed"
        )
    registration.attended_at = timezone.now() if attended else None
    registration.save(update_fields=["attended_at", "updated_at"])
    return registration
