"""Accounts in every state the members' area knows: pending, approved, declined, editor."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from members import membership
from members.models import MemberProfile

PASSWORD = "un-mot-de-passe-solide-42"


def account(email: str, *, verified: bool = True, **fields):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def member(email: str, status: str = MemberProfile.Status.APPROVED, **fields) -> MemberProfile:
    """An account with its membership request in `status` (approved ones are in the group)."""
    sectors = fields.pop("sectors", [])
    user = account(email)
    defaults = {
        "full_name": email.split("@")[0].replace(".", " ").title(),
        "structure": f"Structure de {email.split('@')[0]}",
        "role": "Chargée de projets",
        "motivation": "Rencontrer le réseau.",
    }
    profile = MemberProfile.objects.create(user=user, status=status, **{**defaults, **fields})
    profile.sectors.set(sectors)
    if status == MemberProfile.Status.APPROVED:
        user.groups.add(membership.members_group())
    return profile


def editor(email: str = "editrice@passerelles.test"):
    """A Wagtail editor (admin access, may decide on memberships), not a superuser."""
    user = account(email)
    group, _created = Group.objects.get_or_create(name="Équipe")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="members"),
    )
    user.groups.add(group)
    return user
