from members.models.documents import Document, DocumentVersion
from members.models.moderation import ModerationState
from members.models.pages import WorkspacePage
from members.models.profiles import MemberProfile
from members.models.threads import Post, Thread, ThreadRead
from members.models.workspaces import Partner, WorkPackage, Workspace, WorkspaceMembership

__all__ = [
    "Document",
    "DocumentVersion",
    "MemberProfile",
    "ModerationState",
    "Partner",
    "Post",
    "Thread",
    "ThreadRead",
    "WorkPackage",
    "Workspace",
    "WorkspaceMembership",
    "WorkspacePage",
]
