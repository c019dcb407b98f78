"""E-mails to registrants (HTML + text, with their calendar entry attached).

One template pair renders every kind of message; each kind only says its subject, its opening
words and whether it carries a calendar entry and the link to cancel.
"""

from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events import dates, tokens
from events.calendars import event_sequence, registration_ics
from events.models import Registration
from hub import outbox
from hub.locales import localized_for
from hub.models import SiteSettings


@dataclass(frozen=True)
class Kind:
    subject: str
    lead: str
    calendar: str = ""  # "", "publish" or "cancel"
    can_cancel: bool = True
    shows_access: bool = True
    # The registration's timestamp of the change this kind announces (see message_key).
    stamp: str = "updated_at"


KINDS: dict[str, Kind] = {
    "confirmed": Kind(
        _("Inscription confirmée : %(title)s"),
        _("Votre place est réservée. Nous avons hâte de vous accueillir !"),
        calendar="publish",
        stamp="confirmed_at",
    ),
    "waiting": Kind(
        _("Liste d’attente : %(title)s"),
        _(
            "L’événement est complet pour le moment : vous êtes en position %(position)s sur la "
            "liste d’attente. Si une place se libère, elle vous est attribuée automatiquement "
            "et nous vous prévenons par e-mail."
        ),
        shows_access=False,
        stamp="waitlisted_at",
    ),
    "pending": Kind(
        _("Demande d’inscription reçue : %(title)s"),
        _(
            "Nous avons bien reçu votre demande. Les places de cet événement sont attribuées "
            "par l’équipe : vous recevrez sa réponse par e-mail."
        ),
        shows_access=False,
        stamp="created_at",
    ),
    "promoted": Kind(
        _("Une place s’est libérée : %(title)s"),
        _(
            "Bonne nouvelle : une place s’est libérée et elle est pour vous. Votre inscription "
            "est confirmée. Si vous ne pouvez plus venir, merci de l’annuler pour la personne "
            "suivante."
        ),
        calendar="publish",
        stamp="confirmed_at",
    ),
    "accepted": Kind(
        _("Demande acceptée : %(title)s"),
        _("Votre demande d’inscription est acceptée : votre place est réservée."),
        calendar="publish",
        stamp="confirmed_at",
    ),
    "declined": Kind(
        _("Demande d’inscription non retenue : %(title)s"),
        _(
            "Nous ne pouvons malheureusement pas retenir votre demande d’inscription. Les "
            "prochains rendez-vous du cycle sont annoncés dans l’agenda."
        ),
        can_cancel=False,
        shows_access=False,
    ),
    "cancelled": Kind(
        _("Inscription annulée : %(title)s"),
        _(
            "Votre inscription est annulée. Merci de nous avoir prévenus : votre place revient "
            "à une personne de la liste d’attente."
        ),
        calendar="cancel",
        can_cancel=False,
        shows_access=False,
        stamp="cancelled_at",
    ),
    "reminder": Kind(
        _("Rappel : %(title)s, c’est bientôt"),
        _("Petit rappel : nous vous attendons très bientôt. Voici les informations pratiques."),
        calendar="publish",
    ),
    "event_updated": Kind(
        _("Changement : %(title)s"),
        _(
            "L’événement de votre inscription a changé. Voici les informations à jour ; "
            "l’entrée de votre agenda est mise à jour par la pièce jointe."
        ),
        calendar="publish",
    ),
    "event_cancelled": Kind(
        _("Événement annulé : %(title)s"),
        _(
            "Nous sommes désolés : cet événement est annulé. Votre inscription n’a plus d’objet "
            "et la pièce jointe retire l’événement de votre agenda."
        ),
        calendar="cancel",
        can_cancel=False,
        shows_access=False,
    ),
}


def build_message(
    registration: Registration,
    kind_name: str,
    site_settings: SiteSettings | None = None,
    *,
    position: int | str | None = None,
) -> EmailMultiAlternatives:
    """The message of one kind; batches pass `site_settings` to read them only once.

    `position`: the waiting-list position to write instead of counting it (a registration not
    saved yet writes a mark, replaced once it is known: see events.booking).
    """
    kind = KINDS[kind_name]
    # The event as the person read it: the translation of the page they registered from.
    event = localized_for(registration.event, registration.language)
    if site_settings is None:
        site_settings = SiteSettings.for_default_site()
    if position is None:
        position = registration.waiting_position()
    lead = (
        str(kind.lead) % {"position": position} if "%(position)s" in str(kind.lead) else kind.lead
    )
    context = {
        "kind": kind_name,
        "lead": lead,
        "registration": registration,
        "event": event,
        "venue": event.venue if event.venue_id else None,
        "when": dates.event_dates(event.start, event.end),
        "event_url": event.full_url,
        "manage_url": tokens.manage_url(registration) if kind.can_cancel else "",
        "cancel_url": tokens.cancel_url(registration) if kind.can_cancel else "",
        "position": position,
        "shows_access": kind.shows_access,
        "online_url": event.online_url if kind.shows_access and event.is_online else "",
        "has_calendar": bool(kind.calendar),
        "site_settings": site_settings,
        "SITE_URL": settings.SITE_URL,
    }
    subject = str(kind.subject) % {"title": event.title}
    text = render_to_string("email/events/registration.txt", context)
    html = render_to_string("email/events/registration.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=site_settings.sender_address(),
        to=[formataddr((registration.name, registration.email))],
        reply_to=[site_settings.email_reply_to] if site_settings.email_reply_to else None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if kind.calendar:
        ics = registration_ics(registration, cancelled=kind.calendar == "cancel")
        message.attach("evenement.ics", ics.decode(), "text/calendar; method=PUBLISH")
    return message


def message_key(registration: Registration, kind_name: str) -> str:
    """What makes one message of a kind unique: sent once per state change, reminder or
    calendar version, however often the task that asks for it runs."""
    if kind_name == "reminder":
        moment = ""
    elif kind_name in ("event_updated", "event_cancelled"):
        moment = f"seq{event_sequence(registration.event)}"
    else:
        stamp = getattr(registration, KINDS[kind_name].stamp) or registration.updated_at
        moment = stamp.isoformat()
    return f"events:{kind_name}:{registration.pk}:{moment}"


def queue_registration_email(
    registration_id: int, kind_name: str, site_settings: SiteSettings | None = None
) -> bool:
    """Put one message in the outbox (hub.outbox retries it until the mail server takes it).

    Batches (reminders, event changes) pass `site_settings`, read once for all their messages.
    False when the registration is gone or anonymised.
    """
    registration = (
        Registration.objects.select_related("event", "event__venue")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    with translation.override(registration.language):
        message = build_message(registration, kind_name, site_settings)
    outbox.enqueue(
        message, key=message_key(registration, kind_name), category=f"events.{kind_name}"
    )
    return True


def send_registration_email(registration_id: int, kind_name: str) -> bool:
    """django-q2 entry point of events.booking: queue the message of a registration change."""
    return queue_registration_email(registration_id, kind_name)
