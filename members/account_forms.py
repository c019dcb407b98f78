"""allauth's forms with French labels and plain help texts (the site's field include wants text)."""

from allauth.account.forms import (
    ChangePasswordForm,
    ConfirmLoginCodeForm,
    LoginForm,
    RequestLoginCodeForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SignupForm,
)
from django.utils.translation import gettext_lazy as _

from hub.forms import PublicFormMixin
from members.forms import REQUEST_FIELDS

PASSWORD_HELP = _(
    "Au moins 8 caractères, pas uniquement des chiffres, ni trop courant, ni trop proche de "
    "votre nom ou de votre e-mail."
)
LABELS = {
    "email": _("Adresse e-mail"),
    "login": _("Adresse e-mail"),
    "password": _("Mot de passe"),
    "oldpassword": _("Mot de passe actuel"),
    "password1": _("Mot de passe"),
    "password2": _("Mot de passe (confirmation)"),
    "remember": _("Garder la session ouverte sur cet appareil"),
    "code": _("Code reçu par e-mail"),
}


class FrenchLabelsMixin:
    """The site's labels, no placeholder (a label is always visible), plain help texts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in LABELS:
                field.label = LABELS[name]
                field.widget.attrs.pop("placeholder", None)
        if "password1" in self.fields:
            self.fields["password1"].help_text = PASSWORD_HELP


class MemberSignupForm(PublicFormMixin, FrenchLabelsMixin, SignupForm):
    field_order = ["email", "password1", "password2", *REQUEST_FIELDS]


class MemberLoginForm(PublicFormMixin, FrenchLabelsMixin, LoginForm):
    pass


class MemberResetPasswordForm(PublicFormMixin, FrenchLabelsMixin, ResetPasswordForm):
    pass


class MemberResetPasswordKeyForm(PublicFormMixin, FrenchLabelsMixin, ResetPasswordKeyForm):
    pass


class MemberChangePasswordForm(PublicFormMixin, FrenchLabelsMixin, ChangePasswordForm):
    pass


class MemberRequestLoginCodeForm(PublicFormMixin, FrenchLabelsMixin, RequestLoginCodeForm):
    pass


class MemberConfirmLoginCodeForm(PublicFormMixin, FrenchLabelsMixin, ConfirmLoginCodeForm):
    pass
