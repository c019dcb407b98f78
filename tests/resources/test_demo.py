import io

import pytest

from demo import resources as resources_demo
from demo import site as site_demo
from resources.models import (
    GuidePage,
    Organisation,
    ResourceEntry,
    SupportSchemePage,
    TrainingProgrammePage,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_renders(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Only the site and this app: other apps' demos have their own tests.
    for _ in range(2):
        site_demo.load(io.StringIO())
        resources_demo.load(io.StringIO())
    assert GuidePage.objects.count() >= 6
    assert TrainingProgrammePage.objects.count() == 3
    assert TrainingSession.objects.count() == 6
    assert Organisation.objects.count() == 10
    scheme = SupportSchemePage.objects.get(slug="mentorat-entre-pairs")
    assert scheme.is_open
    assert scheme.form_fields.count() == 8
    assert ResourceEntry.objects.count() == 11
    client.defaults["HTTP_HOST"] = "127.0.0.1:8000"
    html = client.get("/ressources/").content.decode()
    assert "11 ressources" in html
    assert 'href="/annuaire/"' in html  # in the main menu
    for page in [*GuidePage.objects.all(), *TrainingProgrammePage.objects.all(), scheme]:
        assert client.get(page.url).status_code == 200, page.url
    assert "Domaines d’expertise" in client.get(scheme.url).content.decode()
