"""Admin form of a source: a portal source's filters as form fields (stored in `portal_filters`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from watch.collection.portals.filters import (
    AUDIENCE_CHOICES,
    EU_STATUS_CHOICES,
    PROGRAMMES,
    filter_errors,
    split_list,
)

# Form field → key in `Source.portal_filters`, per kind.
EU_FIELDS = {"eu_programmes": "programmes", "eu_statuses": "statuses", "keywords": "keywords"}
AT_FIELDS = {
    "at_categories": "categories",
    "at_perimeter": "perimeter",
    "at_audiences": "audiences",
    "keywords": "keywords",
}


class SourceAdminForm(WagtailAdminModelForm):
    eu_programmes = forms.MultipleChoiceField(
        label=_("Programmes"),
        required=False,
        choices=[(code, f"{programme.label} ({code})") for code, programme in PROGRAMMES.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun : tous les programmes."),
    )
    eu_statuses = forms.MultipleChoiceField(
        label=_("Statuts"),
        required=False,
        choices=EU_STATUS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun : ouverts et à venir."),
    )
    keywords = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        help_text=_("Séparés par des virgules ; un appel est gardé s’il en contient au moins un."),
    )
    at_categories = forms.CharField(
        label=_("Catégories"),
        required=False,
        help_text=_("Identifiants Aides-territoires, séparés par des virgules (ex. culture)."),
    )
    at_perimeter = forms.CharField(
        label=_("Périmètre"),
        required=False,
        help_text=_("Identifiant du territoire (ex. 70973-auvergne-rhone-alpes)."),
    )
    at_audiences = forms.MultipleChoiceField(
        label=_("Publics"),
        required=False,
        choices=AUDIENCE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        filters = self.instance.portal_filters or {}
        for name, key in {**EU_FIELDS, **AT_FIELDS}.items():
            if name not in self.fields:
                continue
            value = filters.get(key, "")
            if isinstance(self.fields[name], forms.MultipleChoiceField):
                self.initial.setdefault(name, split_list(value))
            else:
                self.initial.setdefault(name, ", ".join(split_list(value)))

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        if kind not in ("eu-funding", "aides-territoires"):
            return cleaned
        names = EU_FIELDS if kind == "eu-funding" else AT_FIELDS
        filters = {}
        for name, key in names.items():
            value = cleaned.get(name)
            if key == "perimeter":
                filters[key] = (value or "").strip()
            else:
                filters[key] = split_list(value)
        filters = {key: value for key, value in filters.items() if value}
        problems = filter_errors(kind, filters)
        if problems:
            self.add_error(None, problems["portal_filters"])
        else:
            self.instance.portal_filters = filters
        return cleaned


PORTAL_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("keywords"),
            MultiFieldPanel(
                [FieldPanel("eu_programmes"), FieldPanel("eu_statuses")],
                heading=_("Portail européen"),
                help_text=_(
                    "Adresse de l’API : https://api.tech.ec.europa.eu/search-api/prod/rest/search"
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("at_categories"),
                    FieldPanel("at_perimeter"),
                    FieldPanel("at_audiences"),
                ],
                heading=_("Aides-territoires"),
                help_text=_(
                    "Adresse de l’API : https://aides-territoires.beta.gouv.fr/api/ ; la clé se"
                    " donne dans la variable d’environnement AIDES_TERRITOIRES_API_KEY."
                ),
            ),
        ],
        heading=_("Filtres des portails (sources européennes ou Aides-territoires)"),
    ),
]
