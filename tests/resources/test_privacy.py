"""Members-only resources (Wagtail page privacy) never reach people who may not see them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from resources.queries import new_resources
from tests.factories import ThemeFactory
from tests.resources.factories import GuidePageFactory, body

pytestmark = pytest.mark.django_db

SECRET = "Grille salariale confidentielle"


@pytest.fixture
def resources(index):
    theme = ThemeFactory(name="Management")
    public = GuidePageFactory(
        parent=index, title="Guide public", body=body("rémunération"), themes=[theme]
    )
    private = GuidePageFactory(
        parent=index, title=SECRET, body=body("rémunération"), themes=[theme]
    )
    for page in (public, private):
        page.save_revision().publish()
    members = Group.objects.create(name="Adhérents")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    return {"theme": theme, "public": public, "private": private, "members": members}


def test_members_only_resource_is_absent_from_the_public_index_and_search(client, index, resources):
    assert SECRET not in client.get(index.url).content.decode()
    html = client.get(index.url, {"q": "rémunération"}).content.decode()
    assert "1 ressource" in html and SECRET not in html
    assert SECRET not in client.get("/recherche/", {"q": "rémunération"}).content.decode()


def test_members_only_resource_is_absent_from_feeds_and_json_ld(client, index, resources):
    theme = resources["theme"]
    for url in (index.feed_url(), index.feed_url(theme), index.url, index.theme_url(theme)):
        assert SECRET not in client.get(url).content.decode(), url


def test_members_only_resource_is_never_given_to_the_digest(resources):
    now = timezone.now()
    titles = [page.title for page in new_resources(now - datetime.timedelta(days=1), now)]
    assert titles == ["Guide public"]


def test_members_only_resource_is_absent_from_the_home_teaser(client, index, resources):
    html = client.get("/").content.decode()
    assert "Guide public" in html
    assert SECRET not in html


def test_logged_in_non_member_does_not_see_it_either(client, index, resources, django_user_model):
    user = django_user_model.objects.create_user("visiteur", password="x")
    client.force_login(user)
    assert SECRET not in client.get(index.url).content.decode()


def test_member_sees_it_in_the_index_with_a_badge_but_not_in_json_ld(
    client, index, resources, django_user_model
):
    from tests.resources.test_pages import json_ld

    user = django_user_model.objects.create_user("adherente", password="x")
    user.groups.add(resources["members"])
    client.force_login(user)
    html = client.get(index.url).content.decode()
    assert SECRET in html
    assert "Réservé aux membres" in html
    names = [item["name"] for item in json_ld(html)["mainEntity"]["itemListElement"]]
    assert SECRET not in names
    # The feed stays public-only even for a member: feed readers share and cache.
    assert SECRET not in client.get(index.feed_url()).content.decode()
    assert client.get(resources["private"].url).status_code == 200


def test_login_restriction_on_a_parent_hides_everything_below(client, index, resources):
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    now = timezone.now()
    assert new_resources(now - datetime.timedelta(days=1), now) == []
    assert "Guide public" not in client.get("/").content.decode()
