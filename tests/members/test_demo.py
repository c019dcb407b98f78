"""The demo: a member who can log in, a European project with four partners in four countries."""

import io

import pytest
from django.urls import reverse

from demo import members as demo
from demo import mentoring as mentoring_demo
from demo import site as hub_demo
from members.models import Document, Thread, Workspace

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_the_demo_member_reaches_the_project(client, settings):
    settings.MEMBERS_DOCUMENT_MAX_SIZE = 10_000
    hub_demo.load(io.StringIO())
    mentoring_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())

    project = Workspace.objects.get(slug="scenes-rurales")
    assert sorted(project.partners.values_list("country", flat=True)) == [
        "Autriche", "Espagne", "France", "Italie",
    ]  # fmt: skip
    assert Workspace.objects.filter(kind=Workspace.Kind.WORKING_GROUP).count() == 1
    assert Thread.objects.filter(workspace=project).count() == 3
    assert Document.objects.filter(workspace=project).count() == 3

    response = client.post(
        reverse("account_login"), {"login": demo.DEMO_EMAIL, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    page = client.get(reverse("members:workspace", args=["scenes-rurales"]))
    assert "Réunion de lancement" in page.text
    space = client.get(reverse("members:space")).text
    assert "Je propose un mentorat" in space  # the demo member's application

    client.logout()
    showcase = client.get("/scenes-rurales-en-transition/")
    assert showcase.status_code == 200
    assert "Kulturhaus Waldviertel" in showcase.text and "Autriche" in showcase.text
    assert "Réunion de lancement" not in showcase.text  # private content stays private
    assert "compte-rendu" not in showcase.text
