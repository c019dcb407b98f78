"""The public mesh: counts per domain and territory, and only the profiles made public."""

import pytest

from resources.mentoring.choices import ApplicationState
from tests.factories import TerritoryFactory
from tests.mentoring.factories import MeshPageFactory, mentor, seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def mesh(programme):
    return MeshPageFactory(parent=programme)


def test_mesh_counts_mentors_and_shows_only_public_profiles(client, programme, mesh):
    allier = TerritoryFactory(name="Allier")
    mentor(programme, name="Léa Publique", public_profile=True, domains=["Paie", "Europe"])
    mentor(programme, name="Marc Discret", territory=allier, domains=["Paie"])
    mentor(programme, name="Refusé", public_profile=True, state=ApplicationState.DECLINED)
    seeker(programme, name="Inès Cherche", domains=["Paie"])
    html = client.get(mesh.url).content.decode()
    assert "Léa Publique" in html
    assert "Marc Discret" not in html and "Refusé" not in html and "Inès Cherche" not in html
    assert '<th scope="row">Paie</th><td>2</td>' in html
    assert '<th scope="row">Europe</th><td>1</td>' in html
    assert '<th scope="row">Allier</th><td>1</td>' in html
    assert '<th scope="row">Puy-de-Dôme</th><td>1</td>' in html


def test_mesh_queries_do_not_grow_with_mentors(
    client, programme, mesh, django_assert_max_num_queries
):
    mentor(programme, public_profile=True)
    client.get(mesh.url)
    with django_assert_max_num_queries(30) as few:
        client.get(mesh.url)
    for n in range(20):
        mentor(programme, public_profile=True, domains=[f"Domaine {n % 4}"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(mesh.url)
