"""Forms of the members' area: the membership request (also part of signing up) and the profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.forms import PublicFormMixin
from hub.models import Sector, Territory
from members import membership
from members.models import MemberProfile

REQUEST_FIELDS = ["full_name", "structure", "role", "sectors", "territory", "motivation"]


class MembershipRequestForm(PublicFormMixin, forms.ModelForm):
    """Who the person is and why they join: what editors read before approving."""

    class Meta:
        model = MemberProfile
        fields = REQUEST_FIELDS
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "motivation": forms.Textarea(attrs={"rows": 4}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "structure": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        help_texts = {
            "motivation": _("Quelques lignes pour l’équipe qui étudie votre demande."),
            "sectors": _("Cochez les filières de votre activité."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["territory"].queryset = Territory.objects.all()
        self.fields["territory"].empty_label = _("— Choisir —")

    def save_request(self, user) -> MemberProfile:
        data = {name: self.cleaned_data[name] for name in REQUEST_FIELDS}
        return membership.request_membership(user, **data)


class MembershipSignupForm(forms.Form):
    """The request's fields, added by allauth to its signup form (ACCOUNT_SIGNUP_FORM_CLASS).

    A plain Form (allauth builds its own form class on top of it), borrowing the fields.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(MembershipRequestForm().fields)

    def signup(self, request, user) -> None:
        data = {name: self.cleaned_data[name] for name in REQUEST_FIELDS}
        membership.request_membership(user, **data)


class ProfileForm(PublicFormMixin, forms.ModelForm):
    """What a member keeps up to date, and who may see it."""

    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")

    class Meta:
        model = MemberProfile
        fields = [
            "full_name",
            "structure",
            "role",
            "sectors",
            "territory",
            "bio",
            "website",
            "visibility",
            "show_email",
            "notifications",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "notifications": forms.RadioSelect,
            "bio": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "bio": _("Votre activité, vos projets, ce que vous cherchez dans le réseau."),
            "visibility": _("L’annuaire n’est visible que des membres connectés."),
            "notifications": _("Pour les nouveaux messages de vos espaces de travail."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].empty_label = _("— Aucun —")


class DeleteAccountForm(PublicFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n’est pas le bon."))
        return password
