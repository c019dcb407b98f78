"""A member's event registrations, found by their account's e-mail (events know no accounts)."""

from django.db.models import QuerySet
from django.utils import timezone

from events import booking
from events.models import Registration, normalise_email


def of(user) -> QuerySet[Registration]:
    """The account's registrations to events not over yet, soonest first."""
    return (
        Registration.objects.filter(
            email_normalised=normalise_email(user.email),
            anonymised_at__isnull=True,
            event__end__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__start", "id")
    )


def cancel(user, uuid) -> Registration:
    """Cancel one of the account's own registrations (Registration.DoesNotExist otherwise)."""
    registration = of(user).get(uuid=uuid)
    booking.cancel(registration)
    return registration
