import pytest

from tests.factories import TerritoryFactory
from tests.resources.factories import DirectoryPageFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home):
    return DirectoryPageFactory(parent=home)


def test_directory_filters_by_type_and_territory(client, directory):
    region = TerritoryFactory(name="Auvergne-Rhône-Alpes")
    local = TerritoryFactory(name="Puy-de-Dôme")
    afdas = OrganisationFactory(name="AFDAS", kind="opco")
    afdas.territories.add(region)
    OrganisationFactory(name="Réseau des musiques", kind="network").territories.add(local)
    OrganisationFactory(name="Incubateur créatif", kind="incubator").territories.add(region)
    html = client.get(directory.url).content.decode()
    assert "3 structures" in html
    html = client.get(directory.url, {"territoire": region.slug}).content.decode()
    assert "2 structures" in html and "Réseau des musiques" not in html
    html = client.get(directory.url, {"territoire": region.slug, "type": "opco"}).content.decode()
    assert "1 structure" in html and "AFDAS" in html and "Incubateur créatif" not in html
    assert 'value="opco" id="type-opco" checked' in html


def test_directory_query_count_does_not_grow(client, directory, django_assert_max_num_queries):
    region = TerritoryFactory(name="Auvergne-Rhône-Alpes")
    for number in range(3):
        OrganisationFactory(name=f"Structure {number}").territories.add(region)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(directory.url)
    with CaptureQueriesContext(connection) as few:
        client.get(directory.url)
    for number in range(3, 30):
        OrganisationFactory(name=f"Structure {number}").territories.add(region)
    with django_assert_max_num_queries(len(few)):
        client.get(directory.url)


def test_editors_filter_and_export_the_directory_in_the_admin(admin_client):
    OrganisationFactory(name="AFDAS", kind="opco", email="contact@afdas.test")
    OrganisationFactory(name="Réseau des musiques", kind="network")
    listing = admin_client.get("/admin/snippets/resources/organisation/", {"kind": "opco"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "AFDAS" in html and "Réseau des musiques" not in html
    export = admin_client.get("/admin/snippets/resources/organisation/", {"export": "csv"})
    content = b"".join(export.streaming_content).decode()
    assert "contact@afdas.test" in content
