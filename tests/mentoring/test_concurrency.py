"""A mentor's capacity holds when several editors propose at the same moment (PostgreSQL)."""

import pytest

from resources.mentoring import pairings
from resources.mentoring.choices import PairingState
from resources.mentoring.models import Pairing
from tests.events.test_concurrency import _in_parallel  # threads released together
from tests.mentoring.factories import mentor, seeker

EDITORS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_proposals_never_exceed_the_mentors_capacity(programme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    wanted = mentor(programme, capacity=2)
    seekers = [seeker(programme) for _ in range(EDITORS)]
    results = _in_parallel(
        [lambda person=person: pairings.propose(person.pk, wanted.pk) for person in seekers]
    )
    made = [result for result in results if isinstance(result, Pairing)]
    refused = [result for result in results if isinstance(result, pairings.PairingRefused)]
    assert len(made) == 2
    assert len(refused) == EDITORS - 2  # the others are told why, nothing crashed
    assert all("capacité atteinte" in refusal.message for refusal in refused)
    assert Pairing.objects.filter(mentor=wanted, state=PairingState.PROPOSED).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_seeker_proposed_to_two_mentors_at_once_gets_one_pairing(programme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = seeker(programme)
    mentors = [mentor(programme, capacity=3) for _ in range(4)]
    results = _in_parallel([lambda m=m: pairings.propose(person.pk, m.pk) for m in mentors])
    assert sum(isinstance(result, Pairing) for result in results) == 1
    assert Pairing.objects.filter(mentee=person).count() == 1
