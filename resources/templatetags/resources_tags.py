"""Template helpers of the resources app: accessible form widgets."""

from django import template

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    """The field's widget tied to its help text and errors (aria-describedby, aria-invalid)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-aide")
    if field.errors:
        described_by.append(f"{field.auto_id}-erreurs")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)
