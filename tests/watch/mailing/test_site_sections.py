"""New resources (resources app) in digests: personalised by kind and theme like watch items."""

import datetime

import pytest
from django.utils import timezone

from tests.smtp import text_part
from tests.watch.mailing.factories import SubscriberFactory
from watch.mailing import digests
from watch.mailing import sending as mailing
from watch.mailing.models.subscribers import Rhythm

pytest.importorskip("resources.queries", reason="the resources app provides new_resources")


@pytest.mark.django_db
def test_new_resource_pages_reach_subscribers_who_want_resources_on_that_theme(
    home, themes, smtp_sink
):
    from tests.resources.factories import GuidePageFactory, ResourceIndexPageFactory

    index = ResourceIndexPageFactory(parent=home)
    guide = GuidePageFactory(
        parent=index, title="Guide de l'écoproduction", themes=[themes["ecologie"]]
    )
    start, end = digests.period_for(Rhythm.WEEKLY, timezone.now())
    type(guide).objects.filter(pk=guide.pk).update(
        first_published_at=start + datetime.timedelta(days=1)
    )
    reader = SubscriberFactory(email="ressources@exemple.fr", themes=[themes["ecologie"]])
    other_theme = SubscriberFactory(email="europe@exemple.fr", themes=[themes["europe"]])
    no_resources = SubscriberFactory(
        email="sans@exemple.fr", themes=[themes["ecologie"]], wants_resources=False
    )

    digest = digests.build_draft(Rhythm.WEEKLY)
    assert [(e.section, e.page_id) for e in digest.entries.all()] == [("resources", guide.pk)]
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)

    (message,) = smtp_sink.to(reader.email)
    text = text_part(message)
    assert "NOUVELLES RESSOURCES" in text and "Guide de l'écoproduction" in text
    assert "http://testserver/" in text  # absolute link to the page
    assert smtp_sink.to(other_theme.email) == [] and smtp_sink.to(no_resources.email) == []


@pytest.mark.django_db
def test_upcoming_events_open_for_registration_reach_those_who_want_events(home, themes, smtp_sink):
    pytest.importorskip("events.queries")
    from events.choices import RegistrationMode
    from tests.events.factories import add_agenda, add_cycle, add_event

    cycle = add_cycle(add_agenda(home))
    event = add_event(
        cycle,
        title="Atelier sobriété numérique",
        days_ahead=12,
        themes=[themes["numerique"]],
        registration_mode=RegistrationMode.OPEN,
    )
    add_event(cycle, title="Atelier sans inscription", registration_mode=RegistrationMode.NONE)
    fan = SubscriberFactory(email="evenements@exemple.fr", themes=[themes["numerique"]])
    SubscriberFactory(email="pas-evenements@exemple.fr", wants_events=False)

    digest = digests.build_draft(Rhythm.WEEKLY)
    assert [(e.section, e.page_id) for e in digest.entries.all()] == [("events", event.pk)]
    mailing.enqueue(digest)
    mailing.send_digest(digest.pk)

    (message,) = smtp_sink.to(fan.email)
    text = text_part(message)
    assert "ÉVÉNEMENTS À VENIR" in text and "Atelier sobriété numérique" in text
    assert smtp_sink.to("pas-evenements@exemple.fr") == []
