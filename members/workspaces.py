"""Who may do what in a workspace. Every view goes through `access`: a workspace one is not a
member of does not exist for them (404, whether they guess a slug or an id)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from events.models import EventPage
from hub.visibility import exclude_restricted
from members import membership
from members.models import Workspace, WorkspaceMembership


@dataclass(frozen=True)
class Access:
    workspace: Workspace
    seat: WorkspaceMembership | None  # None for an editor who is not a member
    is_editor: bool

    @property
    def can_write(self) -> bool:
        return self.is_editor or (self.seat is not None and self.seat.can_write)

    @property
    def can_moderate(self) -> bool:
        """Coordinators and editors hide, restore and remove posts and documents."""
        return self.is_editor or (
            self.seat is not None and self.seat.role == WorkspaceMembership.Role.COORDINATOR
        )


def of_user(user) -> QuerySet[Workspace]:
    """The workspaces a person may open: theirs (as an approved member), all for editors."""
    if not user.is_authenticated:
        return Workspace.objects.none()
    if membership.is_editor(user):
        return Workspace.objects.all()
    if not membership.is_approved(user):
        return Workspace.objects.none()
    seats = WorkspaceMembership.objects.filter(workspace=OuterRef("pk"), user=user)
    return Workspace.objects.filter(Exists(seats))


def access(user, slug: str) -> Access:
    """The person's access to the workspace `slug`; Http404 when they have none."""
    if not user.is_authenticated:
        raise Http404
    editor = membership.is_editor(user)
    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise Http404
    seat = workspace.memberships.filter(user=user).first()
    if editor:
        return Access(workspace, seat, True)
    if seat is None or not membership.is_approved(user):
        raise Http404
    return Access(workspace, seat, False)


def upcoming_events(workspace: Workspace, limit: int = 5) -> list[EventPage]:
    """Public upcoming events of the workspace: under its page or with its theme."""
    if not (workspace.events_page_id or workspace.events_theme_id):
        return []
    events = exclude_restricted(EventPage.objects.live(), prefix="").upcoming()
    if workspace.events_page_id:
        events = events.descendant_of(workspace.events_page)
    if workspace.events_theme_id:
        events = events.filter(themes=workspace.events_theme_id)
    return list(events.order_by("start").distinct()[:limit])
