"""The application form on a programme page: the page model does not import the forms."""

from django import template

from resources.mentoring.forms import ApplicationForm

register = template.Library()


@register.simple_tag(takes_context=True)
def application_form(context):
    """The form the view passed (bound, with its errors), or an empty one."""
    return context.get("form") or ApplicationForm()
