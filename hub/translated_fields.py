"""Texts of non-page models (terms, venues, settings) in each language, as extra columns.

Pages are translated as whole pages (Wagtail i18n); a theme or a venue is one row shared by
the French and English sites. Its texts get one column per other language (`name_en`…),
the "translated field" pattern of the Wagtail docs: reading the visitor's text costs no
query, and slugs, filters and relations stay the same in every language.

    class Theme(models.Model):
        name = models.CharField(...)
    add_translations(Theme, "name")         # adds Theme.name_en (blank)
    Theme.translated_name = TranslatedField("name")
"""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from hub.locales import active_language


def other_languages() -> list[tuple[str, str]]:
    """(code, name) of the languages besides French that get their own columns."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def column(field_name: str, language: str) -> str:
    return f"{field_name}_{language}"


class TranslatedField:
    """`obj.translated_x`: `x` in the active language, the French `x` when that one is empty."""

    def __init__(self, field_name: str):
        self.field_name = field_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        language = active_language()
        if language != settings.LANGUAGE_CODE:
            value = getattr(instance, column(self.field_name, language), "")
            if value:
                return value
        return getattr(instance, self.field_name)


def add_translations(model, *field_names: str) -> None:
    """Give `model` a blank copy of each field per other language, and `translated_<field>`.

    Call it right after the class statement (for an abstract model, before its subclasses).
    """
    for field_name in field_names:
        original = next(f for f in model._meta.local_fields if f.name == field_name)
        for code, language_name in other_languages():
            _name, _path, args, kwargs = original.deconstruct()
            for key in ("unique", "default", "help_text", "db_index", "null"):
                kwargs.pop(key, None)
            kwargs.update(
                blank=True,
                default="",
                verbose_name=format_lazy("{} ({})", original.verbose_name, language_name),
            )
            model.add_to_class(column(field_name, code), type(original)(*args, **kwargs))
        setattr(model, f"translated_{field_name}", TranslatedField(field_name))


def translation_panels(*field_names: str) -> list:
    """One collapsed panel per other language with the copies of `field_names`."""
    return [
        MultiFieldPanel(
            [FieldPanel(column(name, code)) for name in field_names],
            heading=language_name,
            classname="collapsed",
            help_text=_("Laissé vide, le texte en français s’affiche."),
        )
        for code, language_name in other_languages()
    ]


def with_translations(*field_names: str) -> list[str]:
    """`field_names` and their copies, for `.only()` on a listing that shows translated texts."""
    return [
        *field_names,
        *(column(name, code) for name in field_names for code, _name in other_languages()),
    ]
