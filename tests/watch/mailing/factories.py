"""Factories of the mailing tests: sources, accepted items, subscribers, digests."""

from datetime import timedelta

import factory
from django.utils import timezone

from watch.collection.models import Item, Source
from watch.mailing.models import Digest, Subscriber


class MailingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://source{n}.example/flux.xml")


class AcceptedItemFactory(factory.django.DjangoModelFactory):
    """A watch item an editor accepted just now."""

    class Meta:
        model = Item
        skip_postgeneration_save = True

    source = factory.SubFactory(MailingSourceFactory)
    kind = Item.Kind.NEWS
    status = Item.Status.ACCEPTED
    title = factory.Sequence(lambda n: f"Actualité {n}")
    url = factory.Sequence(lambda n: f"https://exemple.org/actu-{n}")
    canonical_url = factory.LazyAttribute(lambda o: o.url)
    content_hash = factory.Sequence(lambda n: f"hash-{n}")
    summary_text = "Un résumé court de l'élément."
    accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class CallItemFactory(AcceptedItemFactory):
    kind = Item.Kind.CALL
    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber (weekly, every kind, every topic unless given)."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"abonne{n}@exemple.fr")
    status = Subscriber.Status.ACTIVE
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = "2026-11"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class DigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digest

    title = factory.Sequence(lambda n: f"Lettre {n}")
    period_start = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    period_end = factory.LazyFunction(timezone.now)
