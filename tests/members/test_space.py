"""My space: registrations with cancel, profile, my data, closing my account, the directory."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from events.choices import RegistrationStatus
from events.models import Registration
from members.models import MemberProfile
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.factories import SectorFactory, TerritoryFactory
from tests.members.factories import PASSWORD, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(home):
    return add_event(add_cycle(add_agenda(home)), title="Atelier écoconception", capacity=10)


def register(event, email, name="Camille Martin"):
    return Registration.objects.create(
        event=event, email=email, name=name, status=RegistrationStatus.CONFIRMED
    )


def test_space_needs_an_account(client, home):
    response = client.get(reverse("members:space"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_space_lists_my_registrations_and_cancels_one_through_the_booking_rules(
    client, pending, workshop, django_capture_on_commit_callbacks
):
    mine = register(workshop, "ATTENTE@exemple.org")
    register(workshop, "autre@exemple.org", name="Quelqu’un d’autre")
    client.force_login(pending)

    space = client.get(reverse("members:space"))
    assert "Atelier écoconception" in space.text
    assert "Quelqu’un d’autre" not in space.text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:registration_cancel", args=[mine.uuid]))
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert "annulée" in mail.outbox[-1].subject.lower()


def test_nobody_cancels_a_registration_that_is_not_theirs(client, pending, workshop):
    other = register(workshop, "autre@exemple.org")
    client.force_login(pending)

    response = client.post(reverse("members:registration_cancel", args=[other.uuid]))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED


def test_profile_edit_saves_visibility_and_notification_choices(client, approved, home):
    client.force_login(approved)
    data = {
        "full_name": "Claire Fontaine",
        "structure": "Compagnie des Volcans",
        "role": "Administratrice",
        "visibility": MemberProfile.Visibility.STRUCTURE,
        "notifications": MemberProfile.Notifications.DAILY,
        "website": "compagnie-des-volcans.fr",
    }
    response = client.post(reverse("members:profile"), data)

    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=approved)
    assert profile.visibility == MemberProfile.Visibility.STRUCTURE
    assert profile.notifications == MemberProfile.Notifications.DAILY
    assert profile.website == "https://compagnie-des-volcans.fr"


def test_my_data_downloads_as_json_with_profile_and_registrations(client, approved, workshop):
    register(workshop, approved.email)
    client.force_login(approved)

    response = client.get(reverse("members:data_export"))

    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    data = json.loads(response.content)
    assert data["account"]["email"] == approved.email
    assert data["membership"]["status"] == "approved"
    assert data["event_registrations"][0]["event"] == "Atelier écoconception"


def test_deleting_my_account_needs_my_password_then_removes_it(client, approved, home):
    client.force_login(approved)
    url = reverse("members:account_delete")

    refused = client.post(url, {"password": "pas-le-bon"})
    assert "Ce mot de passe n’est pas le bon." in refused.text
    assert MemberProfile.objects.filter(user=approved).exists()

    client.post(url, {"password": PASSWORD})
    assert not MemberProfile.objects.filter(pk=approved.member_profile.pk).exists()
    assert client.get(reverse("members:space")).status_code == 302


def test_member_pages_are_never_stored_in_the_page_cache(client, approved, settings, home):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(approved)
    response = client.get(reverse("members:space"))
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]

    client.logout()
    anonymous = client.get(reverse("members:space"))
    assert anonymous.status_code == 302
    assert "X-Page-Cache" not in anonymous


@pytest.fixture
def listed_members(db):
    design = SectorFactory(name="Design")
    music = SectorFactory(name="Musiques actuelles")
    cantal = TerritoryFactory(name="Cantal")
    member(
        "design@exemple.org",
        structure="Atelier Bazalte",
        sectors=[design],
        territory=cantal,
        visibility="listed",
        full_name="Julien Marchand",
    )
    member(
        "musique@exemple.org",
        structure="Festival des Bocages",
        sectors=[music],
        visibility="structure",
        full_name="Marc Dubois",
    )
    member("cache@exemple.org", structure="Structure discrète", visibility="hidden")
    member(
        "attente2@exemple.org", status="pending", structure="Pas encore membre", visibility="listed"
    )
    return design, cantal


def test_directory_shows_only_approved_members_who_chose_to_be_listed(
    client, approved, listed_members
):
    client.force_login(approved)
    html = client.get(reverse("members:directory")).text

    assert "Atelier Bazalte" in html and "Julien Marchand" in html
    assert "Festival des Bocages" in html and "Marc Dubois" not in html
    assert "Structure discrète" not in html and "Pas encore membre" not in html


def test_directory_filters_by_sector_and_territory(client, approved, listed_members):
    design, cantal = listed_members
    client.force_login(approved)

    by_sector = client.get(reverse("members:directory"), {"filiere": design.slug}).text
    assert "Atelier Bazalte" in by_sector and "Festival des Bocages" not in by_sector
    by_place = client.get(reverse("members:directory"), {"territoire": cantal.slug}).text
    assert "Atelier Bazalte" in by_place and "Festival des Bocages" not in by_place


def test_directory_is_for_members_only(client, pending, listed_members):
    assert client.get(reverse("members:directory")).status_code == 302
    client.force_login(pending)
    response = client.get(reverse("members:directory"))
    assert response.status_code == 403
    assert "Atelier Bazalte" not in response.text


def test_directory_queries_do_not_grow_with_members(
    client, approved, listed_members, django_assert_max_num_queries
):
    client.force_login(approved)
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("members:directory"))
    for number in range(20):
        member(f"m{number}@exemple.org", visibility="listed", sectors=[listed_members[0]])
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("members:directory"))
