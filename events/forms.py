"""Public forms: registering to an event, filtering the agenda, confirming a cancellation."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.choices import EventFormat
from hub.forms import PublicForm
from hub.models import Theme


class RegistrationForm(PublicForm):
    """What we ask to register: only what the team needs to welcome the person."""

    short_labels = {"consent": _("Consentement")}

    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=200,
        error_messages={"required": _("Indiquez votre nom et votre prénom.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("La confirmation et le lien d’annulation y seront envoyés."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail, par exemple nom@structure.fr."),
            "invalid": _(
                "Cette adresse e-mail est incomplète : écrivez-la en entier, "
                "par exemple nom@structure.fr."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Structure (facultatif)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Fonction (facultatif)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    accessibility_needs = forms.CharField(
        label=_("Besoins d’accessibilité (facultatif)"),
        max_length=2000,
        required=False,
        help_text=_(
            "Interprétariat LSF, boucle magnétique, accès en fauteuil, documents adaptés… "
            "Nous vous recontactons pour organiser votre venue."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "J’accepte que mes données soient utilisées pour gérer mon inscription, comme "
            "l’explique la politique de confidentialité."
        ),
        error_messages={
            "required": _("Cochez cette case pour vous inscrire : nous en avons besoin.")
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


class AgendaFilterForm(PublicForm):
    """Agenda filters; field names are the (French) query parameters of shareable URLs."""

    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Tous les formats"))]
    )
    thematique = forms.ModelChoiceField(
        label=_("Thématique"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les thématiques"),
    )
    mois = forms.ChoiceField(label=_("Mois"), required=False, choices=[("", _("Tous les mois"))])

    def __init__(self, *args, months_from=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", _("Tous les formats")), *EventFormat.choices]
        months = []
        if months_from is not None:
            tz = ZoneInfo(settings.TIME_ZONE)
            for value in months_from.order_by().datetimes("start", "month", tzinfo=tz):
                months.append((value.strftime("%Y-%m"), date_format(value, "F Y").capitalize()))
        self.fields["mois"].choices = [("", _("Tous les mois")), *sorted(set(months))]

    def filter(self, events):
        data = self.cleaned_data
        if data.get("format"):
            events = events.filter(format=data["format"])
        if data.get("thematique"):
            events = events.filter(themes=data["thematique"])
        if data.get("mois"):
            year, month = (int(part) for part in data["mois"].split("-"))
            tz = timezone.get_default_timezone()
            first = datetime(year, month, 1, tzinfo=tz)
            following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
            events = events.filter(start__gte=first, start__lt=following)
        return events

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class CancelForm(forms.Form):
    """Nothing to fill in: the POST itself (with its CSRF token) confirms the cancellation."""
