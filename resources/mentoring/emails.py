"""Every e-mail of mentoring, and the one place they leave (`deliver`, into hub.outbox).

Nothing an applicant typed (name, structure, message…) is ever put in an e-mail: the address
was typed by whoever filled the form, so the cluster must not carry their text to it. Messages
hold the programme's title, domains from the editors' list, dates and hours, and a signed link;
the person's details are shown on the page behind that link.
"""

from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub import outbox
from hub.dates import long_date
from hub.locales import localized_for
from hub.models import SiteSettings
from resources.mentoring import tokens
from resources.mentoring.models import Application, Pairing


@dataclass(frozen=True)
class Kind:
    subject: str
    lead: str
    action: str = ""  # label of the button; "" for no link
    purpose: str = "pairing"  # which signed link the button carries


KINDS: dict[str, Kind] = {
    "received": Kind(
        _("Candidature reçue : %(title)s"),
        _(
            "Nous avons bien reçu une candidature faite avec cette adresse. L’équipe étudie les "
            "candidatures après la clôture de l’appel et vous écrit si un binôme vous est proposé. "
            "Si vous n’êtes pas à l’origine de cette candidature, ignorez ce message : "
            "elle sera retirée."
        ),
    ),
    "proposed": Kind(
        _("Un binôme vous est proposé : %(title)s"),
        _(
            "L’équipe vous propose un binôme de mentorat. Découvrez la personne proposée et "
            "dites-nous si vous acceptez : le binôme démarre quand les deux personnes ont accepté."
        ),
        action=_("Voir la proposition et répondre"),
    ),
    "confirmed": Kind(
        _("Binôme confirmé : %(title)s"),
        _(
            "Les deux personnes ont accepté : votre binôme est confirmé. L’équipe vous écrit "
            "pour fixer la date de début et le nombre d’heures prévues."
        ),
        action=_("Voir votre binôme"),
    ),
    "declined": Kind(
        _("Binôme non retenu : %(title)s"),
        _(
            "Le binôme proposé ne se fera pas : l’une des deux personnes a décliné. L’équipe "
            "vous proposera, si possible, une autre personne."
        ),
    ),
    "started": Kind(
        _("Votre binôme démarre : %(title)s"),
        _("Votre binôme démarre le %(start)s, pour %(hours)s heures prévues. Bon mentorat !"),
        action=_("Voir votre binôme"),
    ),
    "completed": Kind(
        _("Votre attestation de mentorat : %(title)s"),
        _(
            "Votre binôme est terminé : %(hours)s heures réalisées. Merci ! Votre attestation "
            "est prête ; dites-nous aussi en quelques lignes comment cela s’est passé."
        ),
        action=_("Voir l’attestation et donner votre bilan"),
    ),
    "cancelled": Kind(
        _("Binôme annulé : %(title)s"),
        _("L’équipe a annulé ce binôme. Écrivez-nous si vous souhaitez en savoir plus."),
    ),
}


def deliver(message: EmailMultiAlternatives, *, key: str, category: str) -> None:
    """Hand one message to the durable outbox, in the caller's transaction (the one call site).

    `hub.outbox` sends it after the commit and retries it: a mail failure never undoes the
    action that caused it, and a rolled-back action announces nothing.
    """
    outbox.enqueue(message, key=key, category=category)


def _message(kind_name: str, to: str, context: dict, site_settings: SiteSettings):
    kind = KINDS[kind_name]
    values = {
        "title": context["programme"].title,
        "start": long_date(context.get("start")),  # in the e-mail's language
        "hours": context.get("hours", ""),
    }
    context = {
        **context,
        "lead": str(kind.lead) % values,
        "action": kind.action,
        "site_settings": site_settings,
    }
    message = EmailMultiAlternatives(
        subject=str(kind.subject) % values,
        body=render_to_string("email/mentoring/message.txt", context),
        from_email=site_settings.sender_address(),
        to=[to],
        reply_to=[site_settings.email_reply_to] if site_settings.email_reply_to else None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("email/mentoring/message.html", context), "text/html"
    )
    return message


def send_application_received(application: Application) -> None:
    site_settings = SiteSettings.for_default_site()
    with translation.override(application.language):
        programme = localized_for(application.programme, application.language)
        message = _message(
            "received",
            application.email,
            {"programme": programme, "programme_url": programme.full_url},
            site_settings,
        )
    deliver(message, key=f"mentoring:received:{application.uuid}", category="mentoring.received")


def send_pairing_emails(pairing: Pairing, kind_name: str) -> None:
    """The message of this kind to both people of the pairing (each kind happens once)."""
    kind = KINDS[kind_name]
    site_settings = SiteSettings.for_default_site()
    domains = [domain.name for domain in pairing.domains.all()]
    for role in ("mentor", "mentee"):
        party = pairing.party(role)
        context = {
            "programme": pairing.programme,
            "programme_url": pairing.programme.full_url,
            "domains": domains,
            "role": role,
            "start": pairing.start_date,
            "hours": pairing.hours_done if kind_name == "completed" else pairing.planned_hours,
            "link": tokens.link(pairing, role) if kind.action else "",
        }
        with translation.override(party.language):
            message = _message(kind_name, party.email, context, site_settings)
        key = f"mentoring:{kind_name}:{pairing.uuid}:{role}"
        deliver(message, key=key, category=f"mentoring.{kind_name}")
