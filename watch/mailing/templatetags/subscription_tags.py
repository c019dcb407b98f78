"""`{% subscription_form %}`: the digest sign-up form, for any template (no StreamField needed)."""

from django import template
from django.urls import reverse

from watch.mailing.forms import SubscriptionForm

register = template.Library()


@register.inclusion_tag("watch/subscriptions/form.html", takes_context=True)
def subscription_form(context):
    return {
        "form": SubscriptionForm(),
        "form_action": reverse("mailing:subscribe"),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
