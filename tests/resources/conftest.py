import pytest

from tests.resources.factories import ResourceIndexPageFactory


@pytest.fixture
def index(home):
    """A published resource index under the home page, at /ressources/."""
    return ResourceIndexPageFactory(parent=home)
