"""Fixtures of the hub tests: the site of every page type and a member of its workspace.

`site` is built over the requesting module's `fragments` fixture (fragment cache on, and for the
cache tests a real local cache)."""

import pytest

from tests.hub.world import Site
from tests.members.factories import member
from tests.members.workspace_factories import seat


@pytest.fixture
def site(home, fragments):
    return Site(home, size=2)


@pytest.fixture
def claire(site):
    user = member(
        "claire@exemple.org", full_name="Claire Fontaine", structure="Compagnie des Volcans"
    ).user
    seat(site.workspace, user)
    return user
