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
    "remember": _("Rester connecté(e) sur cet appareil"),
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


class MemberSignupForm(FrenchLabelsMixin, SignupForm):
    field_order = ["email", "password1", "password2", *REQUEST_FIELDS]


class MemberLoginForm(FrenchLabelsMixin, LoginForm):
    pass


class MemberResetPasswordForm(FrenchLabelsMixin, ResetPasswordForm):
    pass


class MemberResetPasswordKeyForm(FrenchLabelsMixin, ResetPasswordKeyForm):
    pass


class MemberChangePasswordForm(FrenchLabelsMixin, ChangePasswordForm):
    pass


class MemberRequestLoginCodeForm(FrenchLabelsMixin, RequestLoginCodeForm):
    pass


class MemberConfirmLoginCodeForm(FrenchLabelsMixin, ConfirmLoginCodeForm):
    pass
