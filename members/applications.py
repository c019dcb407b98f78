"""A member's applications to support schemes: peer mentoring and the schemes' own forms.

Sent while logged in, an application is linked to the account. Older ones (or ones sent logged
out) are found by the account's verified addresses only: an address nobody confirmed would show
a stranger's answers.
"""

from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

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


def of(user) -> list[SchemeApplication]:
    """The account's applications, newest first."""
    emails = verified_emails(user)
    lines = [
        SchemeApplication(
            scheme=application.programme.title,
            page=application.programme if application.programme.live else None,
            sent_at=application.created_at,
            status=application.get_state_display(),
            details=application.get_kind_display(),
        )
        for application in mentoring_of(user, emails)
    ]
    lines += [
        SchemeApplication(
            scheme=submission.page.title,
            page=submission.page if submission.page.live else None,
            sent_at=submission.submit_time,
            status=_("Envoyée"),
        )
        for submission in scheme_submissions_of(user, emails)
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
