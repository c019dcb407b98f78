"""My space lists my applications to support schemes: linked when sent logged in, found by a
verified address for the older ones, never by an address nobody confirmed."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from members import privacy
from resources.mentoring.models import Application
from resources.models import SchemeApplicationAccount
from tests.members.factories import member
from tests.mentoring.factories import ApplicationFactory, DomainFactory, ProgrammeFactory
from tests.mentoring.test_applications import answers
from tests.resources.factories import ResourceIndexPageFactory, mentoring_scheme
from tests.resources.test_applications import application as scheme_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(home):
    return ProgrammeFactory(parent=home, title="Mentorat entre pairs 2027")


@pytest.fixture
def scheme(home):
    return mentoring_scheme(ResourceIndexPageFactory(parent=home), title="Accélérateur Volcans")


@pytest.fixture
def taxonomy():
    from tests.factories import SectorFactory, TerritoryFactory

    return {
        "territory": TerritoryFactory(name="Cantal"),
        "sector": SectorFactory(name="Arts visuels"),
        "payroll": DomainFactory(name="Administration et paie"),
        "touring": DomainFactory(name="Diffusion et tournée"),
    }


@pytest.fixture
def ines(db):
    return member("ines@exemple.org", full_name="Inès Robert").user


def test_applications_sent_logged_in_are_linked_and_listed_with_scheme_date_and_status(
    client, ines, programme, scheme, taxonomy, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(ines)
    # Other addresses than the account's: only the link finds them.
    client.post(
        f"/mentorat/{programme.pk}/candidater/", answers(taxonomy, email="bureau@lumen.test")
    )
    client.post(scheme.url, scheme_answers(e_mail="bureau@lumen.test"))

    assert Application.objects.get().account == ines
    assert FormSubmission.objects.get().scheme_account.user == ines
    space = client.get(reverse("members:space")).text
    assert "Mes candidatures aux dispositifs d’accompagnement" in space
    assert f'href="{programme.url}">Mentorat entre pairs 2027</a>' in space
    assert "Je propose un mentorat" in space and "À étudier" in space
    assert f'href="{scheme.url}">Accélérateur Volcans</a>' in space
    assert "Envoyée" in space


def test_applications_sent_logged_out_appear_once_the_address_is_verified(
    client, ines, programme, scheme
):
    ApplicationFactory(programme=programme, email="INES@exemple.org", state="retained")
    FormSubmission.objects.create(page=scheme, form_data={"e_mail": "ines@exemple.org"})
    client.force_login(ines)

    space = client.get(reverse("members:space")).text
    assert "Mentorat entre pairs 2027" in space and "Retenue" in space
    assert "Accélérateur Volcans" in space


def test_an_unverified_address_of_the_account_shows_nobody_s_applications(
    client, ines, programme, scheme
):
    EmailAddress.objects.create(user=ines, email="autre@exemple.org", verified=False)
    EmailAddress.objects.filter(email="ines@exemple.org").update(verified=False)
    ApplicationFactory(programme=programme, email="autre@exemple.org")
    ApplicationFactory(programme=programme, email="ines@exemple.org")
    FormSubmission.objects.create(page=scheme, form_data={"e_mail": "autre@exemple.org"})
    client.force_login(ines)

    space = client.get(reverse("members:space")).text
    assert "Mentorat entre pairs 2027" not in space
    assert "Accélérateur Volcans" not in space
    assert "Aucune candidature envoyée depuis ce compte" in space


def test_another_person_s_application_stays_out_of_my_space(client, ines, programme, scheme):
    ApplicationFactory(programme=programme, email="paul@lefil.test")
    # Only the form's applicant field counts: a referee's address is not the applicant's.
    FormSubmission.objects.create(
        page=scheme, form_data={"e_mail": "paul@lefil.test", "structure": "ines@exemple.org"}
    )
    client.force_login(ines)

    space = client.get(reverse("members:space")).text
    assert "Mentorat entre pairs 2027" not in space and "Accélérateur Volcans" not in space


def test_my_data_holds_my_applications_and_closing_the_account_detaches_them(
    client, ines, programme, scheme, taxonomy, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(ines)
    client.post(f"/mentorat/{programme.pk}/candidater/", answers(taxonomy))
    client.post(scheme.url, scheme_answers(structure="Collectif Lumen"))

    exported = json.loads(client.get(reverse("members:data_export")).content)
    by_kind = {entry["kind"]: entry for entry in exported["applications"]}
    assert by_kind["mentoring"]["scheme"] == "Mentorat entre pairs 2027"
    assert by_kind["mentoring"]["answers"]["domains"] == [
        "Administration et paie",
        "Diffusion et tournée",
    ]
    assert by_kind["support_scheme"]["answers"]["structure"] == "Collectif Lumen"

    privacy.delete_account(ines)
    application = Application.objects.get()
    assert application.account is None and application.structure == "Le Fil"
    submission = FormSubmission.objects.get()
    assert submission.form_data["structure"] == "Collectif Lumen"
    assert not SchemeApplicationAccount.objects.exists()
