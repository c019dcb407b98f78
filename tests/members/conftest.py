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


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Each test its own private folder for workspace documents (to see what was stored)."""
    settings.MEMBERS_FILES_ROOT = tmp_path / "private"
    return settings.MEMBERS_FILES_ROOT
