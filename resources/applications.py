"""Applications to a support scheme: closing after the deadline, anti-spam, e-mails.

The submission is stored first, then its e-mails go to the outbox (hub.outbox retries them):
a failing mail server loses neither.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import FormSubmission

from hub import outbox
from hub.forms import PublicFormMixin
from hub.models import SiteSettings
from hub.ratelimit import over_limit

HONEYPOT_FIELD = "site_web"
CONSENT_FIELD = "consentement"
MULTILINE_MAX = 2000
RATE_LIMIT = 5  # applications per address and hour
RATE_WINDOW = 3600


class ApplicationFormBuilder(FormBuilder):
    """Wagtail's form builder, with an empty first choice in required drop-downs.

    Without it the first real choice is preselected, so a required answer can be sent without
    being chosen (and the HTML is invalid: a required select needs an empty placeholder).
    """

    def create_dropdown_field(self, field, options):
        choice_field = super().create_dropdown_field(field, options)
        if field.required:
            choice_field.choices = [("", _("— Choisissez —")), *choice_field.choices]
        return choice_field

    # Every answer has a cap: Wagtail caps single lines (255) but not paragraphs.
    def create_multiline_field(self, field, options):
        return super().create_multiline_field(field, {**options, "max_length": MULTILINE_MAX})

    def create_email_field(self, field, options):
        return super().create_email_field(field, {**options, "max_length": 254})

    def get_form_class(self):
        """Wagtail's form, with the site's messages: each error names its question."""
        return type(
            "ApplicationForm",
            (PublicFormMixin, BaseForm),
            {**self.formfields, "short_labels": {CONSENT_FIELD: _("Consentement")}},
        )

    @property
    def formfields(self):
        fields = super().formfields
        fields[CONSENT_FIELD] = forms.BooleanField(
            label=_(
                "J’accepte que mes données soient utilisées pour étudier ma candidature, comme "
                "l’explique la politique de confidentialité."
            ),
            error_messages={
                "required": _(
                    "Cochez cette case pour envoyer votre candidature : nous en avons besoin."
                )
            },
        )
        return fields


def serve_scheme(page, request, *args, **kwargs):
    """GET shows the scheme and its form; POST records an application while the call is open."""
    if request.method != "POST":
        return _render(page, request, page.get_form(page=page, user=request.user))
    if not page.is_open:
        return _render(page, request, None)
    if request.POST.get(HONEYPOT_FIELD):
        # A robot filled the hidden field: thank it and keep nothing.
        return page.render_landing_page(request, None)
    if over_limit(request, "resources-apply", limit=RATE_LIMIT, window=RATE_WINDOW):
        response = _render(page, request, None, status=429, rate_limited=True)
        response["Retry-After"] = str(RATE_WINDOW)
        return response
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        return _render(page, request, form, status=400)
    submission = page.process_form_submission(form)
    return page.render_landing_page(request, submission)


def _render(page, request, form, status=200, rate_limited=False):
    context = page.get_context(request)
    context.update(form=form, honeypot_field=HONEYPOT_FIELD, rate_limited=rate_limited)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def record_application(page, form) -> FormSubmission:
    submission = FormSubmission.objects.create(form_data=form.cleaned_data, page=page)
    lines = _summary_lines(form)
    site_settings = SiteSettings.for_site(page.get_site())
    sender = site_settings.sender_address()
    applicant = _applicant_address(page, form)
    if page.to_address:
        message = EmailMessage(
            subject=page.subject or _("Nouvelle candidature : %(title)s") % {"title": page.title},
            body=render_to_string(
                "resources/email/application_notification.txt",
                {"page": page, "lines": lines, "admin_url": _admin_url(page)},
            ),
            from_email=page.from_address or sender,
            to=[address.strip() for address in page.to_address.split(",") if address.strip()],
            reply_to=[applicant] if applicant else None,
        )
        outbox.enqueue(
            message,
            key=f"resources:application-notification:{submission.pk}",
            category="resources.application_notification",
        )
    if applicant:
        message = EmailMessage(
            subject=page.confirmation_subject
            or _("Votre candidature : %(title)s") % {"title": page.title},
            body=render_to_string(
                # No answers here: the address is unverified, it must not receive typed text.
                "resources/email/application_confirmation.txt",
                {"page": page, "site_settings": site_settings},
            ),
            from_email=sender,
            to=[applicant],
            reply_to=[site_settings.email_reply_to] if site_settings.email_reply_to else None,
        )
        outbox.enqueue(
            message,
            key=f"resources:application-confirmation:{submission.pk}",
            category="resources.application_confirmation",
        )
    return submission


def _summary_lines(form) -> list[tuple[str, str]]:
    lines = []
    for field in form:
        value = form.cleaned_data.get(field.name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = _("oui") if value else _("non")
        lines.append((str(field.label), str(value)))
    return lines


def _applicant_address(page, form) -> str:
    for field in page.get_form_fields():
        if field.field_type == "email":
            return form.cleaned_data.get(field.clean_name) or ""
    return ""


def _admin_url(page) -> str:
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailforms:list_submissions", args=[page.pk])
