"""A member's applications to support schemes: peer mentoring and the schemes' own forms.

Sent while logged in, an application is linked to the account. Older ones (or ones sent logged
out) are found by the account's verified addresses only: an address nobody confirmed would show
a stranger's answers.
"""

from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from hub.locales import active_language
from resources.mentoring.models import Application
from resources.models import SchemeFormField


@dataclass(frozen=True)
class SchemeApplication:
    """One line of "my applications", whatever stored it."""

    scheme: str
    page: Page | None  # where the scheme is presented (None once the page is gone)
    sent_at: datetime
    status: str
    details: str = ""


def verified_emails(user) -> list[str]:
    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


def _any_email(field: str, emails: list[str]) -> Q:
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(**{f"{field}__iexact": email})
    return query


def mentoring_of(user, emails: list[str]) -> QuerySet[Application]:
    return (
        Application.objects.filter(Q(account=user) | _any_email("email", emails))
        .select_related("programme")
        .order_by("-created_at", "-id")
    )


def scheme_submissions_of(user, emails: list[str]) -> QuerySet[FormSubmission]:
    """Submissions linked to the account, or whose applicant address (the form's first e-mail
    field, the one that got the receipt) is one of `emails`."""
    query = Q(scheme_account__user=user)
    seen = set()
    email_fields = SchemeFormField.objects.filter(field_type="email").order_by(
        "page_id", "sort_order", "id"
    )
    for page_id, clean_name in email_fields.values_list("page_id", "clean_name"):
        if page_id in seen:
            continue
        seen.add(page_id)
        query |= Q(page_id=page_id) & _any_email(f"form_data__{clean_name}", emails)
    return (
        FormSubmission.objects.filter(query).select_related("page").order_by("-submit_time", "-id")
    )


def _in_visitor_language(pages) -> dict[str, Page]:
    """{translation_key: live translation} of `pages` in the active language, in one query.

    Applications point to the French pages; an English visitor reads the English ones.
    """
    language = active_language()
    keys = {page.translation_key for page in pages if page.locale_id and page.live}
    if language == settings.LANGUAGE_CODE or not keys:
        return {}
    found = Page.objects.live().filter(translation_key__in=keys, locale__language_code=language)
    return {page.translation_key: page for page in found}


def of(user) -> list[SchemeApplication]:
    """The account's applications, newest first, each under its title in the visitor's language."""
    emails = verified_emails(user)
    mentoring = list(mentoring_of(user, emails))
    submissions = list(scheme_submissions_of(user, emails))
    translated = _in_visitor_language(
        [application.programme for application in mentoring]
        + [submission.page for submission in submissions]
    )

    def shown(page):  # what to link to: its translation if any; None once the page is gone
        return translated.get(page.translation_key, page) if page.live else None

    lines = [
        SchemeApplication(
            scheme=(shown(application.programme) or application.programme).title,
            page=shown(application.programme),
            sent_at=application.created_at,
            status=application.get_state_display(),
            details=application.get_kind_display(),
        )
        for application in mentoring
    ]
    lines += [
        SchemeApplication(
            scheme=(shown(submission.page) or submission.page).title,
            page=shown(submission.page),
            sent_at=submission.submit_time,
            status=_("Envoyée"),
        )
        for submission in submissions
    ]
    return sorted(lines, key=lambda line: line.sent_at, reverse=True)


def export(user) -> list[dict]:
    """The applications with their answers, for the account's data download."""
    emails = verified_emails(user)
    data = [
        {
            "scheme": application.programme.title,
            "kind": "mentoring",
            "sent_at": application.created_at.isoformat(),
            "status": application.state,
            "answers": {
                "kind": application.kind,
                "name": application.name,
                "email": application.email,
                "structure": application.structure,
                "role": application.role,
                "territory": application.territory.name if application.territory else None,
                "sectors": [sector.name for sector in application.sectors.all()],
                "domains": [domain.name for domain in application.domains.all()],
                "hours_per_month": application.hours_per_month,
                "format": application.format,
                "capacity": application.capacity,
                "message": application.message,
                "public_profile": application.public_profile,
                "consent_version": application.consent_version,
            },
        }
        for application in mentoring_of(user, emails)
        .select_related("territory")
        .prefetch_related("sectors", "domains")
    ]
    data += [
        {
            "scheme": submission.page.title,
            "kind": "support_scheme",
            "sent_at": submission.submit_time.isoformat(),
            "answers": submission.form_data,
        }
        for submission in scheme_submissions_of(user, emails)
    ]
    return data
