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


MENTORING_FIELDS = [
    ("Je souhaite", "radio", "Devenir mentor ou mentore\nÊtre accompagné·e", True),
    ("Nom et prénom", "singleline", "", True),
    ("E-mail", "email", "", True),
    ("Structure", "singleline", "", True),
    ("Fonction", "singleline", "", False),
    ("Région", "dropdown", "Auvergne-Rhône-Alpes\nBourgogne-Franche-Comté", True),
    ("Domaines d'expertise", "checkboxes", "Production\nDiffusion\nÉcoconception", False),
]


def mentoring_scheme(parent, **overrides):
    """The peer-mentoring call with its application form, open for ten days."""
    from django.utils import timezone

    from resources.models import SchemeFormField

    fields = {
        "title": "Mentorat entre pairs",
        "slug": "mentorat",
        "deadline": timezone.now() + datetime.timedelta(days=10),
        "to_address": "equipe@passerelles.test, mentorat@passerelles.test",
        "subject": "Nouvelle candidature au mentorat",
        "confirmation_subject": "Votre candidature au mentorat",
        "confirmation_text": "Merci ! Le comité se réunit fin juin.",
        **overrides,
    }
    scheme = SupportSchemePageFactory(parent=parent, **fields)
    for order, (label, kind, choices, required) in enumerate(MENTORING_FIELDS):
        SchemeFormField.objects.create(
            page=scheme,
            sort_order=order,
            label=label,
            field_type=kind,
            choices=choices,
            required=required,
        )
    return scheme
