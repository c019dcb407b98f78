"""Taking, freeing and handing on seats: the only code that changes a registration's status.

Every change runs in one transaction holding the event's EventState row lock
(SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers with IMMEDIATE transactions),
so the seat count read is still true when the seat is taken: capacity is never exceeded.
The e-mail telling the person is stored in the outbox in that same transaction: it exists
exactly when the change it tells exists, and is sent once (hub.outbox) after the commit.

Seat locks are held for as little as possible: one locked read of the state row with the
event's seat fields, one count, the insert and the outbox row, then the commit; whatever can
be read before (the page itself, the site's settings for the e-mail) is read before the lock.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.mail.message import EmailAlternative
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from events import emails
from events.choices import ACTIVE_STATUSES, RegistrationMode, RegistrationStatus
from events.models.registrations import EventState, Registration, normalise_email
from hub import outbox
from hub.cache import purge_page_cache
from hub.models import SiteSettings


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


def _notify(
    registration: Registration, kind: str, site_settings=None, prepared: "Prepared | None" = None
) -> None:
    """Store the person's e-mail in the outbox, in the caller's transaction.

    A rollback takes it away with the change; a commit always carries it, and its key (the
    change's own timestamp) stops a second call from storing or sending it twice.
    `prepared`: the message rendered before the lock, used when it says what happened.
    """
    message = prepared.message_for(registration, kind) if prepared is not None else None
    if message is None:
        # In the language of the page the person registered from (hub/locales.py).
        with translation.override(registration.language):
            message = emails.build_message(registration, kind, site_settings)
    outbox.enqueue(message, key=emails.message_key(registration, kind), category=f"events.{kind}")


# Written in a waiting-list e-mail rendered before the position is known (letters and digits
# only: HTML escaping and the text template leave it as it is).
POSITION_MARK = "PositionEnAttente7f3b9c"


@dataclass
class Prepared:
    """A new registration's e-mail rendered before the seat lock, for the likely outcome.

    Rendering takes longer than everything else done under the lock: done before, the lock is
    held only for the count, the inserts and the commit. Used only when the outcome is the one
    foreseen and the event's seat fields and calendar sequence read under the lock are those
    it was rendered with; otherwise the e-mail is rendered again under the lock, as before.
    """

    kind: str
    seen: tuple
    message: object

    @classmethod
    def before_lock(cls, registration: Registration, event: Page, site_settings) -> "Prepared":
        if registration.status == RegistrationStatus.PENDING:
            kind = RegistrationStatus.PENDING
        elif event.capacity is not None and _confirmed_count(event.pk) >= event.capacity:
            kind = RegistrationStatus.WAITING
        else:
            kind = RegistrationStatus.CONFIRMED
        registration.status = kind
        position = POSITION_MARK if kind == RegistrationStatus.WAITING else None
        with translation.override(registration.language):
            message = emails.build_message(registration, kind, site_settings, position=position)
        return cls(kind, _seen(event), message)

    def message_for(self, registration: Registration, kind: str):
        """The prepared message if it tells `kind` for the event as locked, else None."""
        if kind != self.kind or _seen(registration.event) != self.seen:
            return None
        message = self.message
        if kind == RegistrationStatus.WAITING:
            position = str(registration.waiting_position())
            message.body = message.body.replace(POSITION_MARK, position)
            message.alternatives = [
                EmailAlternative(content.replace(POSITION_MARK, position), mimetype)
                for content, mimetype in message.alternatives
            ]
        return message


def _seen(event: Page) -> tuple:
    """What of the event an e-mail quotes and may change under an editor's hand meanwhile."""
    from events.calendars import event_sequence

    return (*(getattr(event, name) for name in _SEAT_FIELDS), event_sequence(event))


# What decides a seat, read again under the lock: an editor may have just changed it.
_SEAT_FIELDS = (
    "capacity",
    "waiting_list_enabled",
    "registration_mode",
    "registration_opens_at",
    "registration_closes_at",
    "status",
    "start",
    "end",
)


def _lock(event: Page) -> Page:
    """Lock the event's state row; `event` gets its seat fields as they are now, and its state.

    One small query: the state row (only it is locked: editors may save the page meanwhile)
    with the event's seat fields, not the whole page the caller already holds.
    """
    rows = EventState.objects.select_for_update(of=("self",)).annotate(
        **{f"seat_{name}": F(f"event__{name}") for name in _SEAT_FIELDS}
    )
    try:
        state = rows.get(pk=event.pk)
    except EventState.DoesNotExist:
        # An event never published through the admin; two first registrations at once: the
        # second insert waits for the first one's commit, then get_or_create reads its row.
        EventState.objects.get_or_create(event_id=event.pk)
        state = rows.get(pk=event.pk)
    for name in _SEAT_FIELDS:
        setattr(event, name, getattr(state, f"seat_{name}"))
    state.event = event  # the e-mail's calendar SEQUENCE, without a query
    return event


def _is_full(event: Page, confirmed: int | None = None) -> bool:
    """Whether every seat is taken; `confirmed` when the caller has just counted them."""
    if event.capacity is None:
        return False
    if confirmed is None:
        confirmed = _confirmed_count(event.pk)
    return confirmed >= event.capacity


def _purge_cached_pages_if_fullness_changed(
    event: Page, was_full: bool, confirmed: int | None = None
) -> None:
    # Cached agenda cards and event pages say "places restantes" or "Complet": a change of
    # side must show at once; a count off by one seat for a few minutes is harmless.
    if _is_full(event, confirmed) != was_full:
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
    email_key = normalise_email(applicant.email)
    # Read and rendered before the lock: it is held only for what must be read under it.
    site_settings = SiteSettings.for_default_site() if notify else None
    registration = Registration(
        event=event,
        name=applicant.name.strip(),
        email=applicant.email.strip(),
        organisation=applicant.organisation.strip(),
        role=applicant.role.strip(),
        accessibility_needs=applicant.accessibility_needs.strip(),
        source=source,
        language=applicant.language,
    )
    if (
        event.registration_mode == RegistrationMode.APPROVAL
        and source == Registration.Source.PUBLIC
    ):
        registration.status = RegistrationStatus.PENDING
    prepared = Prepared.before_lock(registration, event, site_settings) if notify else None
    try:
        with transaction.atomic():
            event = _lock(event)
            if source == Registration.Source.PUBLIC and not event.registration_is_open:
                raise RegistrationRefused(
                    _("Les inscriptions à cet événement ne sont pas ouvertes."), "closed"
                )
            # Taken under the lock: the waiting list's order is the order seats were asked for.
            now = timezone.now()
            registration.consent_at = now if applicant.consent else None
            if (
                event.registration_mode == RegistrationMode.APPROVAL
                and source == Registration.Source.PUBLIC
            ):
                registration.status = RegistrationStatus.PENDING
            else:
                confirmed = _confirmed_count(event.pk) if event.capacity is not None else 0
                was_full = _is_full(event, confirmed)
                if was_full and not event.waiting_list_enabled and _is_registered(event, email_key):
                    # Someone already in tells us twice: say so rather than "full".
                    raise RegistrationRefused(_already_registered_message(), "duplicate")
                _seat_or_waiting_list(
                    registration,
                    event,
                    was_full=was_full,
                    now=now,
                    full_message=_("Cet événement est complet et n’a pas de liste d’attente."),
                )
            # The partial unique constraint on the e-mail refuses a second active registration.
            registration.save()
            if registration.status == RegistrationStatus.CONFIRMED:
                _purge_cached_pages_if_fullness_changed(event, was_full, confirmed + 1)
            if notify:
                _notify(registration, registration.status, site_settings, prepared)
    except IntegrityError as error:
        # Only the one-active-registration-per-e-mail constraint can fail here.
        raise RegistrationRefused(_already_registered_message(), "duplicate") from error
    return registration


def _is_registered(event: Page, email_key: str) -> bool:
    return Registration.objects.filter(
        event_id=event.pk, email_normalised=email_key, status__in=ACTIVE_STATUSES
    ).exists()


def _already_registered_message() -> str:
    return _(
        "Cette adresse e-mail est déjà inscrite à cet événement. Le lien reçu par e-mail "
        "vous permet de consulter ou d’annuler votre inscription."
    )


def _locked_registration(registration: Registration, event: Page) -> Registration:
    """The registration's row, locked, read again; it shares the locked event (for its e-mail)."""
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    current.event = event
    return current


def cancel(registration: Registration, *, by_editor: bool = False) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first people on the waiting list.

    Returns the registrations promoted in the same transaction.
    """
    with transaction.atomic():
        event = _lock(registration.event)
        current = _locked_registration(registration, event)
        if current.status not in ACTIVE_STATUSES:
            raise RegistrationRefused(_("Cette inscription est déjà annulée."), "not_active")
        if not by_editor and event.start and event.start <= timezone.now():
            raise RegistrationRefused(
                _("L’événement a commencé : l’inscription ne peut plus être annulée en ligne."),
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
    with transaction.atomic():
        return _fill_free_seats(_lock(event))


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
    site_settings = SiteSettings.for_default_site() if promoted else None  # once for all
    for registration in promoted:
        registration.event = event
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _notify(registration, "promoted", site_settings)
    return promoted


def promote(registration: Registration) -> Registration:
    """An editor gives a free seat to someone on the waiting list (out of turn if they wish)."""
    with transaction.atomic():
        event = _lock(registration.event)
        current = _locked_registration(registration, event)
        if current.status != RegistrationStatus.WAITING:
            raise RegistrationRefused(
                _("Seule une personne en liste d’attente peut recevoir une place."), "not_waiting"
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
    with transaction.atomic():
        event = _lock(registration.event)
        current = _locked_registration(registration, event)
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
