"""Factories for resource pages and the directory."""

import datetime

import factory
import wagtail_factories

from resources.models import (
    DirectoryPage,
    GuidePage,
    Organisation,
    ResourceIndexPage,
    SupportSchemePage,
    TrainingProgrammePage,
)


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Ressources"
    slug = "ressources"


class DirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DirectoryPage

    title = "Annuaire"
    slug = "annuaire"


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "Un guide pratique pour les structures culturelles."
    publication_date = datetime.date(2026, 1, 15)


class TrainingProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingProgrammePage

    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    summary = "Une formation courte pour les professionnels."
    publication_date = datetime.date(2026, 2, 1)


class SupportSchemePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SupportSchemePage

    title = factory.Sequence(lambda n: f"Dispositif {n}")
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    summary = "Un accompagnement entre pairs."
    publication_date = datetime.date(2026, 3, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Structure {n}")
    kind = Organisation.Kind.NETWORK
