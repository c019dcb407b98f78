import pytest

from tests.members.factories import editor, member


@pytest.fixture
def pending(db):
    return member("attente@exemple.org", status="pending").user


@pytest.fixture
def approved(db):
    return member("membre@exemple.org").user


@pytest.fixture
def team(db):
    return editor()
