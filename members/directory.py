"""The members' directory: approved members who chose to be listed, and what they show."""

from django.db.models import Prefetch, QuerySet

from hub.models import Sector
from members.models import MemberProfile


def listed(*, sector=None, territory=None) -> QuerySet[MemberProfile]:
    entries = (
        MemberProfile.objects.filter(status=MemberProfile.Status.APPROVED)
        .exclude(visibility=MemberProfile.Visibility.HIDDEN)
        .select_related("user", "territory")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("name")))
        .order_by("structure", "full_name", "id")
    )
    if sector is not None:
        entries = entries.filter(sectors=sector)
    if territory is not None:
        entries = entries.filter(territory=territory)
    return entries
