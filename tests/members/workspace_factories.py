"""Two workspaces and people in every position around them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from members import documents, threads
from members.models import Workspace, WorkspaceMembership
from tests.members.factories import editor, member


def workspace(slug: str, name: str, **fields) -> Workspace:
    return Workspace.objects.create(slug=slug, name=name, **fields)


def seat(workspace, user, role=WorkspaceMembership.Role.PARTNER):
    return WorkspaceMembership.objects.create(workspace=workspace, user=user, role=role)


def upload(name="compte-rendu.pdf", content=b"%PDF-1.4 compte rendu", content_type=None):
    return SimpleUploadedFile(name, content, content_type=content_type or "application/pdf")


class World:
    """Workspace A (with a thread and a document) and B; a person for each role."""

    def __init__(self):
        self.a = workspace("projet-a", "Projet A", kind=Workspace.Kind.PROJECT)
        self.b = workspace("projet-b", "Projet B", kind=Workspace.Kind.WORKING_GROUP)
        self.coordinator = member("coord@a.org", full_name="Chloé Coord").user
        self.partner = member("partner@a.org", full_name="Paul Partner").user
        self.observer = member("observer@a.org", full_name="Olga Obs").user
        self.outsider = member("member@b.org", full_name="Bruno B").user
        self.pending = member("pending@a.org", status="pending").user
        self.editor = editor()
        seat(self.a, self.coordinator, WorkspaceMembership.Role.COORDINATOR)
        seat(self.a, self.partner)
        seat(self.a, self.observer, WorkspaceMembership.Role.OBSERVER)
        seat(self.a, self.pending)  # seated, but not approved: no access
        seat(self.b, self.outsider)
        self.thread = threads.start(self.a, self.coordinator, "Budget du lot 2", "Secret de A")
        self.document = documents.add(self.a, self.coordinator, upload(), title="Plan secret A")
        self.b_thread = threads.start(self.b, self.outsider, "Sujet de B", "Message de B")
