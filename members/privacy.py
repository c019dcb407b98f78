"""GDPR: everything the site holds about an account, and closing the account.

What a person posted in workspaces stays for the others, under "Ancien membre" (anonymised).
"""

from django.db import transaction
from django.utils import timezone

from members import membership, registrations


def export(user) -> dict:
    """All the account's data as JSON-ready values."""
    profile = membership.profile_of(user)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "membership": None,
        "event_registrations": [
            {
                "event": registration.event.title,
                "start": registration.event.start.isoformat() if registration.event.start else None,
                "status": registration.status,
                "name": registration.name,
                "organisation": registration.organisation,
                "role": registration.role,
                "accessibility_needs": registration.accessibility_needs,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in registrations.of(user)
        ],
    }
    if profile:
        data["membership"] = {
            "status": profile.status,
            "requested_at": profile.requested_at.isoformat(),
            "full_name": profile.full_name,
            "structure": profile.structure,
            "role": profile.role,
            "sectors": [sector.name for sector in profile.sectors.all()],
            "territory": profile.territory.name if profile.territory else None,
            "motivation": profile.motivation,
            "bio": profile.bio,
            "website": profile.website,
            "visibility": profile.visibility,
            "show_email": profile.show_email,
            "notifications": profile.notifications,
        }
    return data


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account and its profile; workspace contributions are kept, anonymised."""
    user.delete()
