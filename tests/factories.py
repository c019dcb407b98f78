"""Factories for the site's pages and taxonomy (factory_boy / wagtail-factories)."""

import factory
import wagtail_factories

from hub.models import Audience, HomePage, Sector, StandardPage, Territory, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thématique {n}")
    keywords = ""


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Public {n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Filière {n}")


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Territoire {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Accueil"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    intro = "<p>Une page de contenu.</p>"
