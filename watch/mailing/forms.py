"""Forms of the subscription: sign-up (with consent and honeypot) and preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.models import Theme
from watch.mailing.choices import CONSENT_WORDINGS, CURRENT_CONSENT_VERSION, Kind, Rhythm

# In the URL a sign-up redirects to: the page then says "check your inbox".
SUBMITTED_FLAG = "inscription"


class AccessibleFormMixin:
    """Ties each field to its help text and errors (aria-describedby) and flags invalid fields."""

    def tie_descriptions(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}_help")
            if self.is_bound and self.errors.get(name):
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self.tie_descriptions()


class PreferencesFields(forms.Form):
    name = forms.CharField(
        label=_("Prénom ou nom (facultatif)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thématiques"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune case cochée : vous recevez toutes les thématiques."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Ce que vous voulez recevoir"),
        choices=Kind.choices,
        initial=[kind.value for kind in Kind],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cochez au moins un type de contenu.")},
    )
    rhythm = forms.ChoiceField(
        label=_("Rythme"),
        choices=Rhythm.choices,
        initial=Rhythm.WEEKLY,
        widget=forms.RadioSelect,
        help_text=_("La lettre hebdomadaire part le lundi matin, la mensuelle le 1er du mois."),
    )


class SubscriptionForm(AccessibleFormMixin, PreferencesFields):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail n'est pas valide (exemple : nom@exemple.fr)."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_WORDINGS[CURRENT_CONSENT_VERSION],
        error_messages={"required": _("Cochez cette case pour vous abonner.")},
    )
    # Honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    field_order = ["email", "name", "themes", "kinds", "rhythm", "consent", "website"]


class PreferencesForm(AccessibleFormMixin, PreferencesFields):
    pass
