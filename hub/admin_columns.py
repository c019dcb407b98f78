"""Listing columns for the admin screens this project adds: words in every cell.

Wagtail shows a boolean field as "True"/"False" (or an icon titled so) and an empty value as a
blank cell; editors read « Oui »/« Non » as a status tag, and a dash or a word where nothing is.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusFlagColumn

EMPTY = "—"


class OptionalColumn(Column):
    """A column whose empty cells say so (a dash, or words such as « jamais »)."""

    def __init__(self, name, empty_text=EMPTY, **kwargs):
        super().__init__(name, **kwargs)
        self.empty_text = empty_text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if context["value"] is None or not str(context["value"]).strip():
            context["value"] = self.empty_text
        return context


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def yes_no(model, name: str, label=None) -> StatusFlagColumn:
    """A boolean field as a « Oui » or « Non » tag (text, not only a colour or an icon)."""
    return StatusFlagColumn(
        name,
        label=label or _label(model, name),
        true_label=_("Oui"),
        false_label=_("Non"),
        sort_key=name,
    )


def optional(model, name: str, empty_text=EMPTY, label=None, accessor=None) -> OptionalColumn:
    """A field that may be empty, sortable, labelled with its verbose name."""
    return OptionalColumn(
        name,
        empty_text=empty_text,
        label=label or _label(model, name),
        accessor=accessor or name,
        sort_key=name,
    )
