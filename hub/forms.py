"""What every public form shares: error messages written for people, and an error summary.

Django's generic messages (« Ce champ est obligatoire. », « Assurez-vous que cette valeur
comporte au plus… ») never say which field is wrong nor what is expected. `PublicFormMixin`
replaces each message a form did not craft itself by a sentence that names the field and its
limits; the error summary at the top of each form lists them with a link to each field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

# Parameters Django's validators put into their messages, kept for Django to fill in.
_VALIDATOR_PARAMS = {name: f"%({name})s" for name in ("limit_value", "show_value", "value")}


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: where to jump, which field, what is wrong."""

    anchor: str
    label: str
    message: str


def short_label(label) -> str:
    """The label as a message quotes it: without its « (facultatif) » mark."""
    return str(label or "").removesuffix(" " + _("(facultatif)")).strip()


def _required_message(field: forms.Field) -> str:
    if isinstance(field, forms.BooleanField):
        return _("Cochez la case « %(label)s » pour continuer.")
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return _("Cochez au moins une réponse pour « %(label)s ».")
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _("Choisissez une réponse pour « %(label)s ».")
    if isinstance(field, forms.EmailField):
        return _(
            "Indiquez votre adresse e-mail dans le champ « %(label)s », "
            "par exemple nom@structure.fr."
        )
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return _("Indiquez une date dans le champ « %(label)s », par exemple 15/01/2027.")
    if isinstance(field, forms.IntegerField):
        return _("Indiquez un nombre dans le champ « %(label)s ».")
    if isinstance(field, forms.FileField):
        return _("Joignez un fichier dans le champ « %(label)s ».")
    return _("Remplissez le champ « %(label)s ».")


def _invalid_message(field: forms.Field) -> str:
    if isinstance(field, forms.EmailField):
        return _(
            "Le champ « %(label)s » attend une adresse e-mail complète, "
            "par exemple nom@structure.fr."
        )
    if isinstance(field, forms.URLField):
        return _(
            "Le champ « %(label)s » attend une adresse web complète, "
            "par exemple https://www.exemple.fr."
        )
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return _("Le champ « %(label)s » attend un nombre, par exemple 12,5.")
    if isinstance(field, forms.IntegerField):
        return _("Le champ « %(label)s » attend un nombre entier, par exemple 4.")
    if isinstance(field, forms.DateTimeField):
        return _(
            "Le champ « %(label)s » attend une date et une heure, par exemple 15/01/2027 18:30."
        )
    if isinstance(field, forms.DateField):
        return _("Le champ « %(label)s » attend une date, par exemple 15/01/2027.")
    if isinstance(field, forms.TimeField):
        return _("Le champ « %(label)s » attend une heure, par exemple 18:30.")
    if isinstance(field, forms.ImageField):
        return _("Le fichier joint dans « %(label)s » n’est pas une image lisible.")
    if isinstance(field, forms.FileField):
        return _("Le fichier joint dans « %(label)s » n’a pas pu être lu : joignez-le de nouveau.")
    return _("Le champ « %(label)s » n’a pas le format attendu : vérifiez-le.")


def crafted_messages(field: forms.Field) -> dict[str, str]:
    """French messages for every error `field` can raise, naming its label and limits."""
    messages = {
        "required": _required_message(field),
        "invalid": _invalid_message(field),
        "null_characters_not_allowed": _(
            "Le champ « %(label)s » contient un caractère invisible non autorisé : retirez-le."
        ),
    }
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        choice = _("Choisissez une réponse de la liste proposée pour « %(label)s ».")
        messages.update(invalid_choice=choice, invalid_list=choice, invalid_pk_value=choice)
    max_length = getattr(field, "max_length", None)
    if max_length:
        messages["max_length"] = ngettext(
            "Le champ « %(label)s » ne peut pas dépasser %(limit)s caractère "
            "(vous en avez saisi %(show_value)s).",
            "Le champ « %(label)s » ne peut pas dépasser %(limit)s caractères "
            "(vous en avez saisi %(show_value)s).",
            max_length,
        ).replace("%(limit)s", str(max_length))
    min_length = getattr(field, "min_length", None)
    if min_length:
        messages["min_length"] = ngettext(
            "Le champ « %(label)s » doit compter au moins %(limit)s caractère "
            "(vous en avez saisi %(show_value)s).",
            "Le champ « %(label)s » doit compter au moins %(limit)s caractères "
            "(vous en avez saisi %(show_value)s).",
            min_length,
        ).replace("%(limit)s", str(min_length))
    if isinstance(field, forms.IntegerField):
        messages.update(
            min_value=_("Le champ « %(label)s » doit valoir au moins %(limit_value)s."),
            max_value=_("Le champ « %(label)s » ne peut pas dépasser %(limit_value)s."),
            step_size=_("Le champ « %(label)s » attend un multiple de %(limit_value)s."),
        )
    if isinstance(field, forms.DecimalField):
        too_precise = _("Le champ « %(label)s » contient trop de chiffres : arrondissez-le.")
        messages.update(
            max_digits=too_precise, max_decimal_places=too_precise, max_whole_digits=too_precise
        )
    if isinstance(field, forms.FileField):
        messages.update(
            missing=_("Aucun fichier n’est arrivé pour « %(label)s » : joignez-le de nouveau."),
            empty=_("Le fichier joint dans « %(label)s » est vide."),
            contradiction=_(
                "Pour « %(label)s », joignez un fichier ou cochez « Supprimer », pas les deux."
            ),
            invalid_image=_invalid_message(field),
        )
    label = short_label(field.label)
    return {code: _with_label(message, label) for code, message in messages.items()}


def _with_label(message: str, label: str) -> str:
    """`message` with its label filled in; the validators' own parameters are left for Django."""
    if any(f"%({name})s" in message for name in _VALIDATOR_PARAMS):
        # Django will apply `%` once more: a % in the label must survive it.
        return message % {**_VALIDATOR_PARAMS, "label": label.replace("%", "%%")}
    return message % {"label": label}


def _django_defaults(field: forms.Field) -> dict[str, str]:
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    return {code: str(message) for code, message in defaults.items()}


def _messages_for(field: forms.Field) -> tuple[dict[str, str], dict[str, str]]:
    """Django's defaults and the crafted messages of `field`, built once per kind of field:
    rebuilding them for every form instance cost ~2 ms a registration."""
    key = (
        type(field),
        str(field.label or ""),
        getattr(field, "max_length", None),
        getattr(field, "min_length", None),
        get_language(),
    )
    messages = _MESSAGES.get(key)
    if messages is None:
        messages = _MESSAGES[key] = (_django_defaults(field), crafted_messages(field))
    return messages


# Bounded by the site's forms: each (kind of field, label, limits, language) once.
_MESSAGES: dict[tuple, tuple[dict[str, str], dict[str, str]]] = {}


class PublicFormMixin:
    """Crafted error messages for every field a form did not word itself, and a summary.

    A message given in a field's `error_messages` is kept; the rest are replaced. A long label
    (a consent sentence) appears in the summary under `short_labels[name]`.
    """

    short_labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            defaults, crafted = _messages_for(field)
            for code, message in crafted.items():
                current = field.error_messages.get(code)
                if current is None or str(current) == defaults.get(code):
                    field.error_messages[code] = message

    def error_summary(self) -> list[SummaryItem]:
        return error_summary(self)


def error_summary(form: forms.BaseForm) -> list[SummaryItem]:
    """Each error of any form (allauth's too), field by field, with the id to jump to."""
    short_labels = getattr(form, "short_labels", {})
    items = [SummaryItem("", "", str(error)) for error in form.non_field_errors()]
    for bound in form.visible_fields():
        label = short_labels.get(bound.name) or short_label(bound.label)
        for error in bound.errors:
            items.append(SummaryItem(_anchor(bound), label, str(error)))
    return items


def _anchor(bound: forms.BoundField) -> str:
    """A group of checkboxes or radios has no element with the field's id: its first choice."""
    if bound.widget_type in ("checkboxselectmultiple", "radioselect"):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


class PublicForm(PublicFormMixin, forms.Form):
    """Base of the site's public forms."""


def refused_status(request, form, status: int = 200) -> int:
    """400 for a POST whose form came back with errors: every refused submission of the site
    answers the same (the page, with the errors, is its body)."""
    refused = form is not None and getattr(form, "is_bound", False) and form.errors
    return 400 if request.method == "POST" and status == 200 and refused else status


def refused_with_400(view):
    """`refused_status` for views that answer a TemplateResponse (allauth's generic views)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        response.status_code = refused_status(request, form, response.status_code)
        return response

    return wrapped


def posted(request):
    """The data of a submission, or None: an empty POST is a submission too (`request.POST or
    None` would show it as a fresh form, without saying what is missing)."""
    return request.POST if request.method == "POST" else None
