import pytest

from tests.mentoring.factories import ProgrammeFactory


@pytest.fixture
def programme(home):
    return ProgrammeFactory(parent=home)
