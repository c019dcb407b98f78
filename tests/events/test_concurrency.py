"""Capacity holds under simultaneous submissions, on a real PostgreSQL with real connections."""

import threading

import pytest
from django.db import connection
from django.test import Client

from events import tokens
from events.choices import RegistrationStatus
from events.models import Registration
from tests.events.conftest import form_data
from tests.events.factories import add_agenda, add_cycle, add_event

SEATS = 12
PEOPLE = 60


def _in_parallel(jobs):
    """Run callables in threads released together; each thread closes its own connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _post(path, data, address):
    def job():
        return Client(REMOTE_ADDR=address).post(path, data).status_code

    return job


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixty_simultaneous_registrations_never_exceed_twelve_seats_and_promote_fairly(home):
    cycle = add_cycle(add_agenda(home))
    event = add_event(cycle, capacity=SEATS, title="Atelier très demandé")
    path = f"/evenements/{event.pk}/inscription/"  # the registration form's action

    statuses = _in_parallel(
        [
            _post(path, form_data(email=f"personne{n}@example.org"), f"10.0.{n}.1")
            for n in range(PEOPLE)
        ]
    )

    assert statuses == [302] * PEOPLE  # every person got an answer, no server error
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - SEATS

    first_waiting = list(
        registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("waitlisted_at", "id")
        .values_list("pk", flat=True)[:3]
    )
    leaving = list(registrations.filter(status=RegistrationStatus.CONFIRMED)[:3])
    statuses = _in_parallel(
        [
            _post(f"/evenements/inscription/{tokens.make_token(r)}/annuler/", {}, f"10.9.{i}.1")
            for i, r in enumerate(leaving)
        ]
    )

    assert statuses == [200] * 3
    assert registrations.filter(status=RegistrationStatus.CANCELLED).count() == 3
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - SEATS - 3
    promoted = set(
        registrations.filter(pk__in=first_waiting, status=RegistrationStatus.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    assert promoted == set(first_waiting)  # the first three in line, nobody else
