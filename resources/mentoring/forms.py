"""Public forms of mentoring: the application, and the short evaluation at the end of a pairing.

Every field has a cap and a French message for each error (hub.forms words those a field does not
word itself); nothing typed here is ever put in an e-mail.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub.forms import PublicForm
from hub.models import Sector, Territory
from resources.mentoring.choices import Format, Kind
from resources.mentoring.models import CONSENT_VERSION, CONSENT_WORDINGS, ExpertiseDomain

MAX_DOMAINS = 6
MAX_SECTORS = 4


def _text(label, limit, required=True, required_message="", **kwargs) -> forms.CharField:
    messages = {"required": required_message} if required_message else {}
    return forms.CharField(
        label=label, max_length=limit, required=required, error_messages=messages, **kwargs
    )


class ApplicationForm(PublicForm):
    """What a programme asks: who you are, what you offer or seek, when and how."""

    short_labels = {"consent": _("Consentement")}

    kind = forms.ChoiceField(
        label=_("Vous souhaitez"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Dites si vous proposez ou cherchez un mentorat.")},
    )
    name = _text(
        _("Nom et prénom"),
        200,
        required_message=_("Indiquez votre nom et votre prénom."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Nous vous écrivons à cette adresse pour vous proposer un binôme."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail, par exemple nom@structure.fr."),
            "invalid": _(
                "Cette adresse e-mail est incomplète : écrivez-la en entier, "
                "par exemple nom@structure.fr."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    structure = _text(
        _("Structure"),
        200,
        required_message=_("Indiquez votre structure (compagnie, lieu, studio…)."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = _text(
        _("Fonction"),
        200,
        required_message=_("Indiquez votre fonction."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.all(),
        empty_label=_("— Choisissez —"),
        error_messages={
            "required": _("Choisissez votre territoire."),
            "invalid_choice": _("Choisissez un territoire de la liste."),
        },
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Filières (facultatif)"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Quatre au plus."),
        error_messages={"invalid_choice": _("Choisissez des filières de la liste.")},
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Domaines d’expertise"),
        queryset=ExpertiseDomain.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ce que vous transmettez, ou ce sur quoi vous cherchez un accompagnement (six au plus)."
        ),
        error_messages={
            "required": _("Choisissez au moins un domaine d’expertise."),
            "invalid_choice": _("Choisissez des domaines de la liste."),
        },
    )
    hours_per_month = forms.IntegerField(
        label=_("Disponibilité (heures par mois)"),
        min_value=1,
        max_value=40,
        error_messages={
            "required": _("Indiquez combien d’heures par mois vous pouvez y consacrer."),
            "invalid": _("Indiquez un nombre d’heures, par exemple 4."),
            "min_value": _("Indiquez au moins 1 heure par mois."),
            "max_value": _("Indiquez 40 heures par mois au plus."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    available_from = forms.DateField(
        label=_("Disponible à partir du (facultatif)"),
        required=False,
        error_messages={"invalid": _("Indiquez une date, par exemple 15/01/2027.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    available_until = forms.DateField(
        label=_("Disponible jusqu’au (facultatif)"),
        required=False,
        error_messages={"invalid": _("Indiquez une date, par exemple 30/06/2027.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    format = forms.ChoiceField(
        label=_("Rencontres"),
        choices=Format.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Dites si vous préférez vous rencontrer sur place ou à distance.")
        },
    )
    capacity = forms.IntegerField(
        label=_("Si vous proposez un mentorat : combien de personnes en même temps ?"),
        min_value=1,
        max_value=5,
        required=False,
        initial=1,
        error_messages={
            "invalid": _("Indiquez un nombre de personnes, par exemple 1."),
            "min_value": _("Indiquez au moins 1 personne."),
            "max_value": _("Indiquez 5 personnes au plus."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    message = _text(
        _("En quelques lignes (facultatif)"),
        1500,
        required=False,
        help_text=_("Votre parcours, vos attentes. 1 500 caractères au plus."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_profile = forms.BooleanField(
        label=_(
            "Si vous proposez un mentorat : montrer mon profil (nom, fonction, structure, "
            "territoire, domaines) sur la page publique du réseau des mentors."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        label=CONSENT_WORDINGS[CONSENT_VERSION],
        error_messages={
            "required": _(
                "Cochez cette case pour envoyer votre candidature : nous en avons besoin."
            )
        },
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive robots.
    website = forms.CharField(label=_("Ne pas remplir"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_domains(self):
        domains = self.cleaned_data["domains"]
        if len(domains) > MAX_DOMAINS:
            raise forms.ValidationError(
                ngettext(
                    "Choisissez %(count)d domaine au plus.",
                    "Choisissez %(count)d domaines au plus.",
                    MAX_DOMAINS,
                )
                % {"count": MAX_DOMAINS}
            )
        return domains

    def clean_sectors(self):
        sectors = self.cleaned_data["sectors"]
        if len(sectors) > MAX_SECTORS:
            raise forms.ValidationError(
                ngettext(
                    "Choisissez %(count)d filière au plus.",
                    "Choisissez %(count)d filières au plus.",
                    MAX_SECTORS,
                )
                % {"count": MAX_SECTORS}
            )
        return sectors

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error(
                "available_until", _("Cette date doit suivre la date de début de disponibilité.")
            )
        if data.get("kind") == Kind.SEEK:
            data["capacity"], data["public_profile"] = 1, False
        elif not data.get("capacity"):
            data["capacity"] = 1
        return data


class EvaluationForm(PublicForm):
    """A few lines on how the pairing went, from one side."""

    evaluation = _text(
        _("Votre bilan en quelques lignes"),
        1000,
        required_message=_("Écrivez quelques mots sur ce binôme avant d’envoyer."),
        help_text=_("Ce qui a fonctionné, ce que vous avez appris. 1 000 caractères au plus."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StartForm(forms.Form):
    """Editors: the pairing starts."""

    start_date = forms.DateField(
        label=_("Date de début"), widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_hours = forms.IntegerField(label=_("Heures prévues"), min_value=1, max_value=200)


class CompleteForm(forms.Form):
    """Editors: the pairing is over."""

    hours_done = forms.IntegerField(label=_("Heures réalisées"), min_value=1, max_value=400)
