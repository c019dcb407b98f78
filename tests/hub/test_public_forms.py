"""Every public form, refused: the same status, and messages written for people.

Each form is sent empty, then with answers too long. The page must answer 400, list each error
at the top with the field's name, and never show one of Django's generic messages.
"""

import re
from html import unescape

import pytest
from django import forms
from django.core import validators
from django.urls import reverse
from django.utils import translation

from events.forms import RegistrationForm
from resources.mentoring.forms import ApplicationForm, EvaluationForm
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.factories import ThemeFactory
from tests.mentoring.factories import ProgrammeFactory
from tests.resources.factories import ResourceIndexPageFactory, mentoring_scheme
from tests.watch.mailing.factories import SubscriberFactory
from watch.mailing.forms import PreferencesForm, SubscriptionForm
from watch.mailing.tokens import make_token

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * 2100
LONG_EMAIL = "a" * 250 + "@structure.fr"


def django_defaults() -> set[str]:
    """Django's generic form messages, in French, and the admin's « Champ requis. »."""
    messages = {"Champ requis."}
    classes = [getattr(forms, name) for name in dir(forms)]
    fields = [c for c in classes if isinstance(c, type) and issubclass(c, forms.Field)]
    with translation.override("fr"):
        for field in fields:
            for klass in field.__mro__:
                for message in getattr(klass, "default_error_messages", {}).values():
                    messages.add(str(message))
        for validator in (validators.EmailValidator(), validators.URLValidator()):
            messages.add(str(validator.message))
        for validator in (validators.MaxLengthValidator, validators.MinLengthValidator):
            text = str(validator.message) % {"limit_value": 1, "show_value": 2}
            messages.add(text.split("1")[0].strip())  # « Assurez-vous que cette valeur… »
    # What comes before the first placeholder; too short a fragment (« ») would match anything.
    fragments = {message.split("%")[0].strip() for message in messages}
    return {fragment for fragment in fragments if len(fragment) >= 12}


DEFAULTS = django_defaults()


def summary(response) -> list[str]:
    """The lines of the error summary, as read on screen."""
    html = response.content.decode()
    match = re.search(r'<div class="error-summary".*?<ul>(.*?)</ul>', html, re.S)
    assert match, "no error summary at the top of the form"
    return [
        unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", match[1])
    ]


def assert_crafted(response, labels: list[str]) -> list[str]:
    assert response.status_code == 400
    page = unescape(response.content.decode())
    for default in DEFAULTS:
        assert default not in page, f"Django's default message on the page: {default!r}"
    lines = summary(response)
    for label in labels:
        assert any(line.startswith(f"{label} : ") for line in lines), (label, lines)
    return lines


@pytest.fixture
def event(home):
    return add_event(add_cycle(add_agenda(home)), capacity=20)


@pytest.fixture
def subscriber(home):
    return SubscriberFactory()


@pytest.fixture
def programme(home):
    return ProgrammeFactory(parent=home)


@pytest.fixture
def scheme(home):
    return mentoring_scheme(ResourceIndexPageFactory(parent=home))


def test_event_registration_refused_empty_and_too_long(client, event):
    url = reverse("events_register", args=[event.pk])
    empty = assert_crafted(
        client.post(url, {}), ["Nom et prénom", "Adresse e-mail", "Consentement"]
    )
    assert "Adresse e-mail : Indiquez votre adresse e-mail, par exemple nom@structure.fr." in empty
    long = {"name": TOO_LONG, "email": LONG_EMAIL, "organisation": TOO_LONG, "consent": "on"}
    lines = assert_crafted(client.post(url, long), ["Nom et prénom", "Adresse e-mail", "Structure"])
    assert (
        "Structure : Le champ « Structure » ne peut pas dépasser 200 caractères "
        "(vous en avez saisi 2100)." in lines
    )


def test_watch_subscription_refused_empty_and_too_long(client, home):
    url = reverse("mailing:subscribe")
    assert_crafted(client.post(url, {}), ["Adresse e-mail", "Consentement"])
    long = {"email": LONG_EMAIL, "name": TOO_LONG, "kinds": ["calls"], "rhythm": "weekly"}
    lines = assert_crafted(client.post(url, long), ["Adresse e-mail", "Prénom ou nom"])
    assert any("ne peut pas dépasser 120 caractères" in line for line in lines)


def test_watch_preferences_refused_empty_and_too_long(client, subscriber):
    url = reverse("mailing:preferences", args=[make_token(subscriber, "preferences")])
    empty = assert_crafted(client.post(url, {"action": "save"}), ["Ce que vous voulez recevoir"])
    assert "Rythme : Choisissez une réponse pour « Rythme »." in empty
    long = {"action": "save", "name": TOO_LONG, "kinds": ["calls"], "rhythm": "weekly"}
    assert_crafted(client.post(url, long), ["Prénom ou nom"])


def test_mentoring_application_refused_empty_and_too_long(client, programme):
    url = reverse("mentoring_apply", args=[programme.pk])
    assert_crafted(
        client.post(url, {}),
        ["Vous souhaitez", "Nom et prénom", "Adresse e-mail", "Territoire", "Consentement"],
    )
    long = {"name": TOO_LONG, "message": TOO_LONG, "hours_per_month": "400", "email": "x"}
    lines = assert_crafted(
        client.post(url, long), ["Nom et prénom", "En quelques lignes", "Adresse e-mail"]
    )
    assert any("ne peut pas dépasser 1500 caractères" in line for line in lines)
    assert "Disponibilité (heures par mois) : Indiquez 40 heures par mois au plus." in lines


def test_support_scheme_application_refused_empty_and_too_long(client, scheme):
    empty = assert_crafted(
        client.post(scheme.url, {}), ["Je souhaite", "Nom et prénom", "E-mail", "Consentement"]
    )
    assert "Structure : Remplissez le champ « Structure »." in empty
    assert "Région : Choisissez une réponse pour « Région »." in empty
    long = {"nom_et_prenom": TOO_LONG, "e_mail": "pas-une-adresse", "consentement": "on"}
    lines = assert_crafted(client.post(scheme.url, long), ["Nom et prénom", "E-mail"])
    assert any("« Nom et prénom » ne peut pas dépasser 255 caractères" in line for line in lines)
    assert any("« E-mail » attend une adresse e-mail complète" in line for line in lines)


@pytest.mark.parametrize(
    "form_class",
    [RegistrationForm, SubscriptionForm, PreferencesForm, ApplicationForm, EvaluationForm],
)
def test_every_message_of_every_public_form_is_crafted(form_class, home):
    ThemeFactory()
    with translation.override("fr"):
        form = form_class()
        for name, field in form.fields.items():
            for code, message in field.error_messages.items():
                text = str(message)
                assert text.split("%")[0].strip() not in DEFAULTS, (name, code, text)
                assert text.strip(), (name, code)


def test_the_footer_spells_linkedin(client, home):
    from hub.models import SiteSettings

    settings = SiteSettings.for_site(home.get_site())
    settings.social_links = [("link", {"network": "linkedin", "url": "https://example.org/"})]
    settings.save()
    assert ">LinkedIn</a>" in client.get(home.url).content.decode()
