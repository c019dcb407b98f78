"""GDPR: everything the site holds about an account, and closing the account.

What a person posted in workspaces stays for the others, under "Ancien membre" (anonymised).
Applications to support schemes stay with the schemes' teams, detached from the account (their
links to it are foreign keys that closing the account clears).
"""

from django.db import transaction
from django.utils import timezone

from members import applications, membership, registrations
from members.models import DocumentVersion, Post, WorkspaceMembership

FORMER_MEMBER = "Ancien membre"


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
    data["applications"] = applications.export(user)
    data["workspaces"] = [
        {"workspace": seat.workspace.name, "role": seat.role}
        for seat in WorkspaceMembership.objects.filter(user=user).select_related("workspace")
    ]
    data["workspace_posts"] = [
        {
            "workspace": post.thread.workspace.name,
            "thread": post.thread.subject,
            "created_at": post.created_at.isoformat(),
            "body_html": post.body,
            "moderation": post.moderation,
        }
        for post in Post.objects.filter(author=user).select_related("thread__workspace")
    ]
    data["workspace_documents"] = [
        {
            "workspace": version.document.workspace.name,
            "document": version.document.title,
            "version": version.number,
            "file_name": version.original_name,
            "uploaded_at": version.uploaded_at.isoformat(),
            "moderation": version.moderation,
        }
        for version in DocumentVersion.objects.filter(uploaded_by=user).select_related(
            "document__workspace"
        )
    ]
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
    Post.objects.filter(author=user).update(author=None, author_name=FORMER_MEMBER)
    DocumentVersion.objects.filter(uploaded_by=user).update(
        uploaded_by=None, uploaded_by_name=FORMER_MEMBER
    )
    user.delete()
