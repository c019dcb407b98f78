"""Membership: a new account asks to join, an editor approves or declines, members see more.

Approved members belong to the "Membres" group (settings.MEMBERS_GROUP_NAME): editors restrict
members-only pages to it (or to "logged-in users", which wagtail_hooks.py narrows to approved
members too, as hub/visibility.py does in listings).
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.locales import active_language
from members import emails
from members.models import MemberProfile


def members_group() -> Group:
    return Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)[0]


def profile_of(user) -> MemberProfile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        return None


def is_editor(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def is_approved(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.is_approved


def sees_members_content(user) -> bool:
    return user.is_authenticated and (is_approved(user) or is_editor(user))


def request_membership(user, *, sectors: Iterable = (), **fields) -> MemberProfile:
    """Record (or renew, after a refusal) the account's request; editors see it in the queue."""
    profile = profile_of(user) or MemberProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    if not profile.is_approved:
        profile.status = MemberProfile.Status.PENDING
        profile.requested_at = timezone.now()
        profile.language = active_language()  # of the request form: the decision's e-mail
        profile.decided_at = profile.decided_by = None
    profile.save()
    profile.sectors.set(sectors)
    return profile


@transaction.atomic
def approve(profiles: Iterable[MemberProfile], by=None) -> int:
    """Approve the requests not approved yet; each person is told by e-mail."""
    group = members_group()
    count = 0
    for profile in profiles:
        if profile.is_approved:
            continue
        _decide(profile, MemberProfile.Status.APPROVED, by)
        profile.user.groups.add(group)
        _tell(profile, "approved")
        count += 1
    return count


@transaction.atomic
def decline(profiles: Iterable[MemberProfile], by=None, note: str = "") -> int:
    """Decline the requests (an approved member loses access too); each person is told."""
    group = members_group()
    count = 0
    for profile in profiles:
        if profile.status == MemberProfile.Status.DECLINED:
            continue
        profile.decision_note = note
        _decide(profile, MemberProfile.Status.DECLINED, by)
        profile.user.groups.remove(group)
        _tell(profile, "declined")
        count += 1
    return count


def _decide(profile: MemberProfile, status: str, by) -> None:
    profile.status = status
    profile.decided_at = timezone.now()
    profile.decided_by = by
    profile.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])


def _tell(profile: MemberProfile, decision: str) -> None:
    # In the member's language, whatever the language of the editor's admin.
    with translation.override(profile.language):
        _tell_in_language(profile, decision)


def _tell_in_language(profile: MemberProfile, decision: str) -> None:
    subject = {
        "approved": _("Bienvenue : votre adhésion est acceptée"),
        "declined": _("Votre demande d’adhésion"),
    }[decision]
    context = {"profile": profile, "space_url": emails.absolute(reverse("members:space"))}
    emails.send(
        profile.user.email,
        subject,
        f"email/members/membership_{decision}",
        context,
        key=f"members:membership:{profile.pk}:{decision}:{profile.decided_at.isoformat()}",
        category="members.membership",
        language=profile.language,
    )
