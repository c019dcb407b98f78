"""Editors: counts per programme, the matching board with its reasons, one-click proposals."""

import pytest

from resources.mentoring.choices import ApplicationState
from resources.mentoring.models import Pairing, TerritoryNeighbours
from tests.factories import TerritoryFactory
from tests.mentoring.factories import mentor, seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(programme):
    puy, allier, cantal = (TerritoryFactory(name=n) for n in ("Puy-de-Dôme", "Allier", "Cantal"))
    TerritoryNeighbours.objects.create(territory=puy, neighbour=allier)
    return {
        "ines": seeker(programme, name="Inès Robert", territory=puy, domains=["Paie", "Europe"]),
        "near": mentor(programme, name="Paul Voisin", territory=allier, domains=["Paie"]),
        "best": mentor(programme, name="Léa Experte", territory=puy, domains=["Paie", "Europe"]),
        "far": mentor(programme, name="Marc Loin", territory=cantal, domains=["Europe"]),
        "off": mentor(programme, name="Hors Sujet", territory=puy, domains=["Numérique"]),
    }


def test_board_ranks_mentors_with_their_reasons(admin_client, programme, people):
    html = admin_client.get(f"/admin/mentorat/{programme.pk}/binomes/").content.decode()
    assert f"<title>Mise en relation : {programme.title} - " in html
    order = [html.index(name) for name in ("Léa Experte", "Paul Voisin", "Marc Loin")]
    assert order == sorted(order)
    assert "Hors Sujet" not in html  # no shared domain
    assert "territoire voisin (Allier)" in html
    assert "domaines en commun : Europe, Paie" in html


def test_one_click_proposes_the_pair_and_removes_the_seeker_from_the_board(
    admin_client, programme, people, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    url = f"/admin/mentorat/{programme.pk}/binomes/"
    response = admin_client.post(
        url, {"mentee": people["ines"].pk, "mentor": people["best"].pk}, follow=True
    )
    assert "Binôme proposé : Léa Experte → Inès Robert" in response.content.decode()
    pairing = Pairing.objects.get()
    assert pairing.proposed_by.is_superuser and pairing.score == 6 + 3 + 2
    html = admin_client.get(url).content.decode()
    assert "Proposer ce binôme" not in html
    again = admin_client.post(url, {"mentee": people["ines"].pk, "mentor": people["near"].pk})
    assert again.status_code == 302 and Pairing.objects.count() == 1
    broken = admin_client.post(url, {"mentee": "x", "mentor": people["near"].pk}, follow=True)
    assert "Proposition incomplète" in broken.content.decode()


def test_board_queries_do_not_grow_with_applications(
    admin_client, programme, people, django_assert_max_num_queries
):
    url = f"/admin/mentorat/{programme.pk}/binomes/"
    admin_client.get(url)  # warm caches (site, permissions)
    with django_assert_max_num_queries(30) as few:
        admin_client.get(url)
    for _ in range(15):
        mentor(programme, domains=["Paie"])
        seeker(programme, domains=["Europe"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(url)


def test_overview_counts_applications_and_pairings_per_state(admin_client, programme, people):
    people["off"].state = ApplicationState.DECLINED
    people["off"].save()
    html = admin_client.get("/admin/mentorat/").content.decode()
    assert "<title>Mentorat - " in html  # the browser tab names the screen
    assert "4 à étudier, 0 retenues, 1 non retenues" in html
    assert "4 offres, 1 demandes, 0 les deux" in html


def test_editors_export_applications_as_csv(admin_client, programme, people):
    response = admin_client.get(
        "/admin/mentorat/candidatures/", {"programme": programme.pk, "export": "csv"}
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert "Inès Robert" in content
    assert "Paie, Europe" in content or "Europe, Paie" in content
    assert "Domaines" in content.splitlines()[0]


def test_people_without_the_permission_cannot_open_the_board(client, programme, django_user_model):
    user = django_user_model.objects.create_user("visiteur", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(f"/admin/mentorat/{programme.pk}/binomes/").status_code in (302, 403)
