"""The life of a pairing: proposed → accepted by both → active → completed, or declined/cancelled.

Every change goes through here. Rows are locked (`select_for_update`) so that two editors
proposing at the same time never exceed a mentor's capacity, and two answers arriving together
are both counted. E-mails are stored in the outbox in the same transaction and leave after the
commit: a rolled-back change announces nothing, a mail failure undoes nothing.
"""

from dataclasses import replace
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resources.mentoring import emails, matching
from resources.mentoring.choices import OPEN_PAIRING_STATES, ApplicationState, PairingState
from resources.mentoring.models import Application, ExpertiseDomain, Pairing


class PairingRefused(Exception):
    """A change that cannot be made, with the French sentence that says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def propose(mentee_id: int, mentor_id: int, *, by=None) -> Pairing:
    """Pair a seeker with a mentor, if the mentor still has room; both are asked by e-mail."""
    with transaction.atomic():
        # Both rows locked in id order (no deadlock): a second proposal to the same mentor
        # waits here, then counts this one.
        locked = {
            application.pk: application
            for application in Application.objects.select_for_update()
            .filter(pk__in=[mentee_id, mentor_id])
            .order_by("pk")
        }
        mentee, mentor = locked.get(mentee_id), locked.get(mentor_id)
        if mentee is None or mentor is None or mentee_id == mentor_id:
            raise PairingRefused(_("Ces candidatures n’existent plus."))
        if mentee.programme_id != mentor.programme_id:
            raise PairingRefused(_("Ces deux candidatures ne sont pas du même programme."))
        if ApplicationState.DECLINED in (mentee.state, mentor.state):
            raise PairingRefused(_("Une des deux candidatures n’est pas retenue."))
        if Pairing.objects.filter(mentee=mentee, mentor=mentor).exists():
            raise PairingRefused(
                _("Ce binôme a déjà été proposé une fois : choisissez une autre personne.")
            )
        if Pairing.objects.filter(mentee=mentee, state__in=OPEN_PAIRING_STATES).exists():
            raise PairingRefused(
                _("%(name)s a déjà un binôme en cours ou proposé.") % {"name": mentee.name}
            )
        taken = Pairing.objects.filter(mentor=mentor, state__in=OPEN_PAIRING_STATES).count()
        [seeker] = matching.load_profiles(Application.objects.filter(pk=mentee.pk))
        [offer] = matching.load_profiles(Application.objects.filter(pk=mentor.pk))
        offer = replace(offer, remaining=mentor.capacity - taken)
        result = matching.score(seeker, offer, matching.territory_neighbours())
        if result.excluded:
            raise PairingRefused(
                _("Impossible de proposer %(name)s : %(reason)s.")
                % {"name": mentor.name, "reason": result.excluded}
            )
        pairing = Pairing.objects.create(
            programme_id=mentee.programme_id,
            mentor=mentor,
            mentee=mentee,
            score=result.points,
            reasons=[reason.text for reason in result.reasons],
            proposed_by=by,
        )
        pairing.domains.set(ExpertiseDomain.objects.filter(name__in=result.shared_domains))
        emails.send_pairing_emails(pairing, "proposed")
    return pairing


def _locked(pairing: Pairing) -> Pairing:
    return Pairing.objects.select_for_update().select_related("programme").get(pk=pairing.pk)


def _require(pairing: Pairing, *states: str) -> None:
    if pairing.state not in states:
        raise PairingRefused(
            _("Ce binôme est « %(state)s » : cette action n’est plus possible.")
            % {"state": pairing.get_state_display()}
        )


def respond(pairing: Pairing, role: str, accept: bool) -> Pairing:
    """One side's answer; the pairing is accepted when both said yes, declined at the first no."""
    with transaction.atomic():
        pairing = _locked(pairing)
        _require(pairing, PairingState.PROPOSED)
        now = timezone.now()
        if not accept:
            pairing.state, pairing.declined_by = PairingState.DECLINED, role
            pairing.save(update_fields=["state", "declined_by"])
            emails.send_pairing_emails(pairing, "declined")
            return pairing
        setattr(pairing, f"{role}_accepted_at", getattr(pairing, f"{role}_accepted_at") or now)
        if pairing.mentor_accepted_at and pairing.mentee_accepted_at:
            pairing.state = PairingState.ACCEPTED
            emails.send_pairing_emails(pairing, "confirmed")
        pairing.save(update_fields=["state", f"{role}_accepted_at"])
    return pairing


def start(pairing: Pairing, start_date: date, planned_hours: int) -> Pairing:
    with transaction.atomic():
        pairing = _locked(pairing)
        _require(pairing, PairingState.ACCEPTED)
        pairing.state = PairingState.ACTIVE
        pairing.start_date, pairing.planned_hours = start_date, planned_hours
        pairing.save(update_fields=["state", "start_date", "planned_hours"])
        emails.send_pairing_emails(pairing, "started")
    return pairing


def complete(pairing: Pairing, hours_done: int) -> Pairing:
    """The pairing is over: both receive their attestation and are asked for a short bilan."""
    with transaction.atomic():
        pairing = _locked(pairing)
        _require(pairing, PairingState.ACTIVE)
        pairing.state, pairing.hours_done = PairingState.COMPLETED, hours_done
        pairing.completed_at = timezone.now()
        pairing.save(update_fields=["state", "hours_done", "completed_at"])
        emails.send_pairing_emails(pairing, "completed")
    return pairing


def cancel(pairing: Pairing) -> Pairing:
    with transaction.atomic():
        pairing = _locked(pairing)
        _require(pairing, *OPEN_PAIRING_STATES)
        pairing.state, pairing.cancelled_at = PairingState.CANCELLED, timezone.now()
        pairing.save(update_fields=["state", "cancelled_at"])
        emails.send_pairing_emails(pairing, "cancelled")
    return pairing


def evaluate(pairing: Pairing, role: str, text: str) -> Pairing:
    """One side's few lines on a completed pairing (they may rewrite them)."""
    with transaction.atomic():
        pairing = _locked(pairing)
        _require(pairing, PairingState.COMPLETED)
        setattr(pairing, f"{role}_evaluation", text)
        pairing.save(update_fields=[f"{role}_evaluation"])
    return pairing
