"""The subscription page editors place in the menu, and the form any template can include."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from watch.mailing.models import Subscriber, SubscriptionPage


@pytest.fixture
def subscription_page(home):
    page = SubscriptionPage(
        title="Lettre de veille", slug="lettre", intro="<p>Tout sur la veille.</p>"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_subscription_page_shows_an_accessible_form_and_subscribes(
    client, subscription_page, themes, django_capture_on_commit_callbacks, mailoutbox
):
    page = client.get(subscription_page.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'for="id_email"' in html and 'autocomplete="email"' in html
    assert "<legend>Thématiques" in html and "Transition écologique" in html
    assert "J’accepte de recevoir la lettre de veille" in html
    assert 'name="csrfmiddlewaretoken"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            subscription_page.url,
            {
                "email": "page@exemple.fr",
                "kinds": ["news"],
                "rhythm": "weekly",
                "consent": "on",
                "source": "http://testserver/lettre/",
            },
        )
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Vérifiez votre boîte de réception" in thanks
    subscriber = Subscriber.objects.get(email="page@exemple.fr")
    assert subscriber.consent_source == "http://testserver/lettre/"
    assert len(mailoutbox) == 1 and "/lettre/confirmer/" in mailoutbox[0].body


@pytest.mark.django_db
def test_subscription_page_rules(home):
    assert SubscriptionPage.subpage_types == []
    assert "hub.HomePage" in SubscriptionPage.parent_page_types
    # One per language (not `max_count = 1`, which would forbid the English translation).
    assert SubscriptionPage.can_create_at(home)
    home.add_child(instance=SubscriptionPage(title="Lettre", slug="lettre"))
    assert not SubscriptionPage.can_create_at(home)


@pytest.mark.django_db
def test_any_template_can_include_the_form_with_the_tag(home, themes):
    request = RequestFactory().get("/une-page/")
    rendered = Template("{% load subscription_tags %}{% subscription_form %}").render(
        Context({"request": request})
    )
    assert 'action="/lettre/inscription/#abonnement"' in rendered
    assert 'name="email"' in rendered and "Numérique" in rendered
