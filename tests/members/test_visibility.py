"""Resources for "logged-in users" are for approved members: a pending account sees no title."""

import pytest
from wagtail.models import PageViewRestriction

from tests.resources.factories import GuidePageFactory, ResourceIndexPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Grille salariale du réseau"


@pytest.fixture
def index(home):
    index = ResourceIndexPageFactory(parent=home)
    GuidePageFactory(parent=index, title="Guide public").save_revision().publish()
    private = GuidePageFactory(parent=index, title=SECRET)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return index


def test_pending_account_does_not_see_logged_in_only_titles(client, index, pending):
    client.force_login(pending)
    html = client.get("/ressources/").text
    assert "Guide public" in html
    assert SECRET not in html


def test_approved_member_and_editor_see_them(client, index, approved, team):
    for user in (approved, team):
        client.force_login(user)
        assert SECRET in client.get("/ressources/").text


def test_without_a_members_group_any_account_sees_them(client, index, pending, settings):
    settings.MEMBERS_GROUP_NAME = ""
    client.force_login(pending)
    assert SECRET in client.get("/ressources/").text
