"""Factories for mentoring: programmes, domains, applications, pairings."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from resources.mentoring.choices import Format, Kind
from resources.mentoring.models import (
    CONSENT_VERSION,
    Application,
    ExpertiseDomain,
    MentoringMeshPage,
    MentoringProgrammePage,
)
from tests.factories import TerritoryFactory


class ProgrammeFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MentoringProgrammePage

    title = "Mentorat entre pairs"
    slug = "mentorat"
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))


class MeshPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MentoringMeshPage

    title = "Le réseau des mentors"
    slug = "reseau"


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseDomain
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Domaine {n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    kind = Kind.OFFER
    name = factory.Sequence(lambda n: f"Personne {n}")
    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    structure = factory.Sequence(lambda n: f"Structure {n}")
    role = "Administratrice"
    territory = factory.SubFactory(TerritoryFactory, name="Puy-de-Dôme")
    hours_per_month = 4
    format = Format.EITHER
    capacity = 1
    consent_version = CONSENT_VERSION
    consented_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else ["Production"]
        self.domains.set([DomainFactory(name=name) for name in names])

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if extracted:
            self.sectors.set(extracted)


def mentor(programme, **fields) -> Application:
    return ApplicationFactory(programme=programme, kind=Kind.OFFER, **fields)


def seeker(programme, **fields) -> Application:
    return ApplicationFactory(programme=programme, kind=Kind.SEEK, **fields)
