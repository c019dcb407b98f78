"""Signing up, confirming the address, logging in and resetting a password, in French."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members.models import MemberProfile
from tests.factories import SectorFactory, TerritoryFactory
from tests.members.factories import PASSWORD, account

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "ines@exemple.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Inès Robert",
        "structure": "Collectif Lumen",
        "role": "Artiste plasticienne",
        "sectors": [SectorFactory(name="Arts visuels").pk],
        "territory": TerritoryFactory(name="Cantal").pk,
        "motivation": "Trouver des partenaires pour une résidence.",
    }
    return {**data, **overrides}


def confirmation_link(message) -> str:
    return re.search(r"/compte/confirmer-e-mail/[^/\s]+/", message.body).group(0)


def test_signup_records_a_pending_request_and_asks_to_confirm_the_address(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    profile = MemberProfile.objects.get(user__email="ines@exemple.org")
    assert profile.status == MemberProfile.Status.PENDING
    assert profile.structure == "Collectif Lumen"
    assert [s.name for s in profile.sectors.all()] == ["Arts visuels"]
    [message] = mail.outbox
    assert message.subject == "Confirmez votre adresse e-mail"
    assert "Pour terminer la création de votre compte" in message.body
    html = message.alternatives[0][0]
    assert "Confirmer mon adresse e-mail" in html and 'lang="fr"' in html


def test_login_is_refused_until_the_address_is_confirmed_then_lands_in_my_space(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup_data())
    link = confirmation_link(mail.outbox[0])

    response = client.post(
        reverse("account_login"), {"login": "ines@exemple.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    page = client.get(link)
    assert "Confirmez que ines@exemple.org est bien votre adresse e-mail." in page.text
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    space = client.get(reverse("members:space"))
    assert space.status_code == 200
    assert "est entre les mains de l" in space.text


def test_signup_with_errors_keeps_nothing_and_says_why_in_french(client, home):
    response = client.post(reverse("account_signup"), signup_data(structure="", password2="x"))

    assert response.status_code == 400
    assert "Votre compte n’est pas encore créé" in response.text
    assert 'href="#id_structure"' in response.text
    assert not MemberProfile.objects.exists()
    assert not mail.outbox


def test_a_robot_filling_the_hidden_field_gets_no_account(client, home):
    client.post(reverse("account_signup"), signup_data(site_internet="http://spam.example"))

    assert not MemberProfile.objects.exists()
    assert not mail.outbox


def test_password_reset_sends_a_french_link_that_sets_a_new_password(
    client, home, django_capture_on_commit_callbacks
):
    account("camille@exemple.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "camille@exemple.org"})

    [message] = mail.outbox
    assert message.subject == "Réinitialisation de votre mot de passe"
    link = re.search(r"/compte/mot-de-passe/nouveau/\S+/", message.body).group(0)
    form = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form.text
    new = "encore-plus-solide-2026"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": new, "password2": new},
    )
    assert done.status_code == 302
    assert client.login(username="camille@exemple.org", password=new)


def test_repeated_failed_logins_are_slowed_down(client, home):
    account("camille@exemple.org")
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": "camille@exemple.org", "password": "x"})
    response = client.post(
        reverse("account_login"), {"login": "camille@exemple.org", "password": PASSWORD}
    )

    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.text


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
        "account_request_login_code",
    ],
)
def test_account_pages_are_french_in_the_site_frame_and_never_indexed(client, home, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert reverse(name).startswith("/compte/")
    assert 'class="skip-link"' in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_a_member_changes_their_password_on_a_french_page(client, approved, home):
    client.force_login(approved)
    page = client.get(reverse("account_change_password"))
    assert "Mot de passe actuel" in page.text
    assert f'href="{reverse("members:space")}"' in page.text  # the header's link to the space

    new = "encore-plus-solide-2026"
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    approved.refresh_from_db()
    assert approved.check_password(new)


def sign_in_code(message) -> str:
    return re.search(r"ouverte sur le site :\s+(\S+)\s", message.body).group(1)


def test_a_member_logs_in_with_a_code_received_by_e_mail(
    client, approved, home, django_capture_on_commit_callbacks
):
    login = client.get(reverse("account_login")).text
    assert f'href="{reverse("account_request_login_code")}"' in login
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_request_login_code"), {"email": "membre@exemple.org"}
        )
    assert response["Location"] == reverse("account_confirm_login_code")
    [message] = mail.outbox
    assert message.to == ["membre@exemple.org"]
    assert message.subject == "Votre code de connexion"
    code = sign_in_code(message)
    assert code in message.alternatives[0][0]

    page = client.get(reverse("account_confirm_login_code"))
    assert "Code reçu par e-mail" in page.text and "membre@exemple.org" in page.text
    wrong = client.post(reverse("account_confirm_login_code"), {"code": "PASBON"})
    assert "_auth_user_id" not in client.session
    assert 'href="#id_code"' in wrong.text
    done = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(approved.pk)
    assert client.get(reverse("members:space")).status_code == 200


def test_a_code_asked_for_an_unknown_address_logs_nobody_in(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "inconnu@exemple.org"})

    [message] = mail.outbox
    assert message.subject == "Aucun compte à cette adresse"
    assert "se connecter ou à changer le mot de passe" in message.body
    assert not re.search(r"ouverte sur le site", message.body)
    client.post(reverse("account_confirm_login_code"), {"code": "ABCDEF"})
    assert "_auth_user_id" not in client.session


def test_the_login_page_offers_the_forgotten_password_link_once(client, home):
    page = client.get(reverse("account_login")).text

    assert page.count(f'href="{reverse("account_reset_password")}"') == 1
    assert page.count("Mot de passe oublié") == 1


def test_the_login_page_says_it_opens_the_members_area(client, home):
    html = client.get(reverse("account_login")).text
    assert "<title>Connexion à l’espace membres | " in html
    assert "<h1>Connexion à l’espace membres</h1>" in html
    assert "Réservé aux membres du cluster" in html
    assert f'Pas encore membre ? <a href="{reverse("account_signup")}">' in html
