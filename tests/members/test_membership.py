"""Editors decide on membership requests; only approved members see members-only pages."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from members import membership
from members.models import MemberProfile
from tests.factories import StandardPageFactory
from tests.members.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulk(client, django_capture_on_commit_callbacks):
    def post(action, profiles, note=""):
        url = reverse("wagtail_bulk_action", args=("members", "memberprofile", action))
        query = "&".join(f"id={p.pk}" for p in profiles)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{url}?{query}", {"note": note})

    return post


def test_editor_approves_requests_in_bulk_and_each_person_is_told(client, bulk, team, home):
    first = member("a@exemple.org", status="pending")
    second = member("b@exemple.org", status="pending")
    client.force_login(team)

    confirm = client.get(
        reverse("wagtail_bulk_action", args=("members", "memberprofile", "approve_membership"))
        + f"?id={first.pk}&id={second.pk}"
    )
    assert confirm.status_code == 200
    assert "Ces 2 demandes seront traitées" in confirm.text
    response = bulk("approve_membership", [first, second], note="Au plaisir !")

    assert response.status_code == 302
    for profile in (first, second):
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.APPROVED
        assert profile.decided_by == team
        assert profile.user.groups.filter(name="Membres").exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@exemple.org", "b@exemple.org"]
    assert mail.outbox[0].subject == "Bienvenue : votre adhésion est acceptée"
    assert "Au plaisir !" in mail.outbox[0].body


def test_declined_person_is_told_with_the_note_and_loses_members_access(client, bulk, team, home):
    profile = member("c@exemple.org")
    client.force_login(team)

    bulk("decline_membership", [profile], note="Le réseau est réservé à la région.")

    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.DECLINED
    assert not profile.user.groups.filter(name="Membres").exists()
    [message] = mail.outbox
    assert message.subject == "Votre demande d’adhésion"
    assert "réservé à la région" in message.body


def test_members_cannot_decide_on_memberships(client, bulk, approved, home):
    other = member("d@exemple.org", status="pending")
    client.force_login(approved)

    bulk("approve_membership", [other])

    other.refresh_from_db()
    assert other.status == MemberProfile.Status.PENDING
    assert not mail.outbox


def test_queue_lists_filters_and_counts_pending_requests(client, bulk, team, home):
    member("e@exemple.org", status="pending", full_name="Élise Pending")
    member("f@exemple.org", full_name="Fabien Approved")
    client.force_login(team)

    listing = client.get(reverse("wagtailsnippets_members_memberprofile:list") + "?status=pending")
    assert "Élise Pending" in listing.text
    assert "Fabien Approved" not in listing.text
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "1 demande d’adhésion en attente" in dashboard.text or (
        "1 demande d’adhésion en attente" in dashboard.text
    )


@pytest.fixture
def members_page(home):
    page = StandardPageFactory(parent=home, title="Ressources des membres", slug="ressources")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def members_group_page(home):
    page = StandardPageFactory(parent=home, title="Compte rendu du bureau", slug="bureau")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(membership.members_group())
    return page


@pytest.mark.parametrize("fixture", ["members_page", "members_group_page"])
def test_members_only_pages_by_who_asks(client, request, pending, approved, team, fixture):
    page = request.getfixturevalue(fixture)

    anonymous = client.get(page.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))

    client.force_login(pending)
    refused = client.get(page.url)
    assert refused.status_code == 403
    assert "Réservé aux membres" in refused.text
    assert page.title not in refused.text

    client.force_login(approved)
    assert client.get(page.url).status_code == 200


def test_restricted_pages_stay_out_of_search_and_sitemap(client, members_page, approved):
    client.force_login(approved)
    assert members_page.title not in client.get(reverse("search") + "?q=Ressources").text
    assert members_page.url not in client.get("/sitemap.xml").text
