"""A pairing’s life, told by what each person receives and can do from their e-mail’s link."""

import datetime
import re

import pytest
from django.core import signing

from hub.models import OutgoingEmail
from resources.mentoring import pairings, tokens
from resources.mentoring.choices import PairingState
from resources.mentoring.models import Pairing
from tests.factories import TerritoryFactory
from tests.mentoring.factories import mentor, seeker
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db(transaction=True)  # the outbox sends after the commit


@pytest.fixture
def pair(programme):
    return (
        seeker(programme, name="Inès Robert", email="ines@volcans.test", message="Aidez-moi"),
        mentor(programme, name="Paul Mercier", email="paul@lefil.test", capacity=1),
    )


def link_of(message) -> str:
    match = re.search(r"http://testserver(/mentorat/binome/[^/\s]+/)", text_part(message))
    assert match, text_part(message)
    return match.group(1)


def test_both_accept_from_their_links_then_it_starts_and_completes(client, pair, smtp_sink):
    mentee, mentor_application = pair
    pairing = pairings.propose(mentee.pk, mentor_application.pk)
    assert pairing.state == PairingState.PROPOSED
    assert [d.name for d in pairing.domains.all()] == ["Production"]
    [to_mentee] = smtp_sink.to("ines@volcans.test")
    [to_mentor] = smtp_sink.to("paul@lefil.test")
    assert "Un binôme vous est proposé : Mentorat entre pairs" in str(to_mentor["Subject"])
    for message in (to_mentee, to_mentor):  # no typed text reaches an unverified address
        for typed in ("Inès", "Paul", "Aidez-moi", "Structure"):
            assert typed not in text_part(message) and typed not in html_part(message)

    # A GET (a mail scanner) changes nothing; the page shows the other person.
    page = client.get(link_of(to_mentor))
    assert page.status_code == 200
    assert "Inès Robert" in page.content.decode() and "Aidez-moi" in page.content.decode()
    assert "ines@volcans.test" not in page.content.decode()  # not before both accepted
    assert Pairing.objects.get().mentor_accepted_at is None

    response = client.post(link_of(to_mentor), {"action": "accept"})
    assert "Merci, votre réponse est enregistrée." in response.content.decode()
    assert "Nous attendons la réponse de l’autre personne" in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert Pairing.objects.get().state == PairingState.PROPOSED
    client.post(link_of(to_mentee), {"action": "accept"})
    pairing.refresh_from_db()
    assert pairing.state == PairingState.ACCEPTED
    assert len(smtp_sink.to("paul@lefil.test")) == 2  # proposal, then confirmation
    assert "Binôme confirmé" in str(smtp_sink.to("ines@volcans.test")[-1]["Subject"])

    pairings.start(pairing, datetime.date(2027, 1, 15), 12)
    started = smtp_sink.to("ines@volcans.test")[-1]
    assert "démarre le vendredi 15 janvier 2027, pour 12 heures prévues" in text_part(started)

    pairings.complete(pairing, 10)
    pairing.refresh_from_db()
    assert pairing.state == PairingState.COMPLETED and pairing.completed_at
    done = smtp_sink.to("paul@lefil.test")[-1]
    assert "Votre attestation de mentorat : Mentorat entre pairs" in str(done["Subject"])
    assert "10 heures réalisées" in text_part(done)

    page = client.get(link_of(done)).content.decode()
    assert "ines@volcans.test" in page  # both accepted: they can write to each other
    attestation_path = re.search(r'href="(/mentorat/attestation/[^"]+)"', page)
    attestation = client.get(attestation_path.group(1)).content.decode()
    assert "Paul Mercier" in attestation and "a accompagné Inès Robert" in attestation
    assert "10 heures" in attestation and "Production" in attestation
    assert "Mentorat entre pairs" in attestation
    stylesheet = re.search(r'href="(/static/mentoring/css/attestation[^"]*\.css)"', attestation)
    assert "@media print" in b"".join(client.get(stylesheet.group(1)).streaming_content).decode()

    response = client.post(link_of(done), {"action": "evaluate", "evaluation": "x" * 1001})
    assert response.status_code == 400
    assert "ne peut pas dépasser 1000 caractères" in response.content.decode()
    client.post(link_of(done), {"action": "evaluate", "evaluation": "Très riche."})
    pairing.refresh_from_db()
    assert pairing.mentor_evaluation == "Très riche." and pairing.mentee_evaluation == ""


def test_a_decline_ends_the_proposal_and_frees_both(client, pair, smtp_sink):
    mentee, mentor_application = pair
    pairing = pairings.propose(mentee.pk, mentor_application.pk)
    [to_mentee] = smtp_sink.to("ines@volcans.test")
    client.post(link_of(to_mentee), {"action": "decline"})
    pairing.refresh_from_db()
    assert (pairing.state, pairing.declined_by) == (PairingState.DECLINED, "mentee")
    assert "Binôme non retenu" in str(smtp_sink.to("paul@lefil.test")[-1]["Subject"])
    response = client.post(link_of(to_mentee), {"action": "accept"})
    assert response.status_code == 409
    assert "cette action n" in response.content.decode()
    # Both are free again, but the same pair is not proposed twice.
    with pytest.raises(pairings.PairingRefused, match="déjà été proposé une fois"):
        pairings.propose(mentee.pk, mentor_application.pk)
    other = mentor(mentee.programme, email="lea@exemple.test")
    assert pairings.propose(mentee.pk, other.pk).state == PairingState.PROPOSED


@pytest.mark.parametrize("state", [PairingState.PROPOSED, PairingState.ACCEPTED, "active"])
def test_an_open_pairing_can_be_cancelled_and_both_are_told(pair, smtp_sink, state):
    pairing = pairings.propose(pair[0].pk, pair[1].pk)
    Pairing.objects.filter(pk=pairing.pk).update(state=state)
    pairings.cancel(pairing)
    pairing.refresh_from_db()
    assert pairing.state == PairingState.CANCELLED and pairing.cancelled_at
    assert "Binôme annulé" in str(smtp_sink.to("ines@volcans.test")[-1]["Subject"])
    assert "Binôme annulé" in str(smtp_sink.to("paul@lefil.test")[-1]["Subject"])


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (PairingState.PROPOSED, lambda p: pairings.start(p, datetime.date(2027, 1, 1), 5)),
        (PairingState.PROPOSED, lambda p: pairings.complete(p, 5)),
        (PairingState.ACCEPTED, lambda p: pairings.respond(p, "mentor", True)),
        (PairingState.ACCEPTED, lambda p: pairings.evaluate(p, "mentor", "Bien")),
        (PairingState.COMPLETED, lambda p: pairings.cancel(p)),
        (PairingState.CANCELLED, lambda p: pairings.start(p, datetime.date(2027, 1, 1), 5)),
        (PairingState.DECLINED, lambda p: pairings.respond(p, "mentee", True)),
    ],
)
def test_steps_out_of_order_are_refused(pair, settings, state, step):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pairing = pairings.propose(pair[0].pk, pair[1].pk)
    Pairing.objects.filter(pk=pairing.pk).update(state=state)
    with pytest.raises(pairings.PairingRefused, match="cette action n’est plus possible"):
        step(pairing)
    assert Pairing.objects.get().state == state


def test_a_mentor_at_capacity_cannot_be_proposed_again(programme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    busy = mentor(programme, capacity=1)
    pairings.propose(seeker(programme).pk, busy.pk)
    with pytest.raises(pairings.PairingRefused, match="capacité atteinte"):
        pairings.propose(seeker(programme).pk, busy.pk)


def test_a_seeker_has_one_open_pairing_at_a_time(programme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = seeker(programme)
    pairings.propose(person.pk, mentor(programme, capacity=2).pk)
    with pytest.raises(pairings.PairingRefused, match="a déjà un binôme"):
        pairings.propose(person.pk, mentor(programme).pk)


def test_proposal_records_the_score_and_its_reasons(programme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cantal = TerritoryFactory(name="Cantal")
    pairing = pairings.propose(seeker(programme).pk, mentor(programme, territory=cantal).pk)
    assert pairing.score == 3 + 2  # one domain, enough hours
    assert "autre territoire (Cantal)" in pairing.reasons


def test_tampered_expired_and_foreign_tokens_are_refused(client, pair, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pairing = pairings.propose(pair[0].pk, pair[1].pk)
    token = tokens.make_token(pairing, "mentor")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(f"/mentorat/binome/{tampered}/")
    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in response.content.decode()
    response = client.post(f"/mentorat/binome/{tampered}/", {"action": "accept"})
    assert response.status_code == 400
    assert Pairing.objects.get().mentor_accepted_at is None

    old = signing.dumps(
        {"p": str(pairing.uuid), "r": "mentor"}, salt=tokens.SALTS["pairing"], compress=True
    )
    tokens.MAX_AGES["pairing"], kept = datetime.timedelta(seconds=-1), tokens.MAX_AGES["pairing"]
    try:
        response = client.post(f"/mentorat/binome/{old}/", {"action": "accept"})
    finally:
        tokens.MAX_AGES["pairing"] = kept
    assert response.status_code == 400
    assert "Ce lien a expiré" in response.content.decode()
    assert Pairing.objects.get().mentor_accepted_at is None

    # A link made for the attestation opens nothing else, and the reverse.
    attestation_token = tokens.make_token(pairing, "mentor", "attestation")
    assert client.get(f"/mentorat/binome/{attestation_token}/").status_code == 400
    assert client.get(f"/mentorat/attestation/{token}/").status_code == 400
    # Well signed, but naming a role that does not exist.
    forged = signing.dumps({"p": str(pairing.uuid), "r": "editor"}, salt=tokens.SALTS["pairing"])
    assert client.get(f"/mentorat/binome/{forged}/").status_code == 400
    not_a_pairing = signing.dumps({"p": "x", "r": "mentor"}, salt=tokens.SALTS["pairing"])
    assert client.get(f"/mentorat/binome/{not_a_pairing}/").status_code == 400


def test_the_attestation_waits_for_completion(client, pair, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pairing = pairings.propose(pair[0].pk, pair[1].pk)
    token = tokens.make_token(pairing, "mentee", "attestation")
    response = client.get(f"/mentorat/attestation/{token}/")
    assert response.status_code == 409
    assert "disponible à la fin du binôme" in response.content.decode()


def test_a_refused_mail_does_not_undo_the_proposal(pair, smtp_sink):
    smtp_sink.handler.refuse["paul@lefil.test"] = "550 Mailbox unavailable"
    pairing = pairings.propose(pair[0].pk, pair[1].pk)
    assert Pairing.objects.filter(pk=pairing.pk).exists()
    assert smtp_sink.to("ines@volcans.test")
    # Kept in the outbox, with the server's reply, for the editors' « Renvoyer ».
    failed = OutgoingEmail.objects.get(status="failed")
    assert failed.key == f"mentoring:proposed:{pairing.uuid}:mentor"
    assert "550 Mailbox unavailable" in failed.last_error
