"""Forms of the subscription: sign-up (with consent and honeypot) and preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.forms import PublicForm
from hub.models import Theme
from watch.mailing.choices import CONSENT_WORDINGS, CURRENT_CONSENT_VERSION, Kind, Rhythm

# In the URL a sign-up redirects to: the page then says "check your inbox".
SUBMITTED_FLAG = "inscription"


# Help texts, errors and aria-describedby: templates/includes/form_field.html ties them.
class PreferencesFields(PublicForm):
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


class SubscriptionForm(PreferencesFields):
    short_labels = {"consent": _("Consentement")}

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse e-mail, par exemple nom@structure.fr."),
            "invalid": _(
                "Cette adresse e-mail est incomplète : écrivez-la en entier, "
                "par exemple nom@structure.fr."
            ),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_WORDINGS[CURRENT_CONSENT_VERSION],
        error_messages={"required": _("Cochez cette case pour vous abonner.")},
    )
    # Honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    field_order = ["email", "name", "themes", "kinds", "rhythm", "consent", "website"]


class PreferencesForm(PreferencesFields):
    """The same choices, from the link of each letter."""
