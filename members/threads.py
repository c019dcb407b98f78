"""Starting threads, replying, and what each member has not read yet."""

from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_q.tasks import async_task

from members import membership, sanitize
from members.models import Post, Thread, ThreadRead, Workspace

NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def author_name(user) -> str:
    profile = membership.profile_of(user)
    if profile:
        return f"{profile.full_name} ({profile.structure})"
    return user.get_full_name() or user.email


@transaction.atomic
def start(
    workspace: Workspace, user, subject: str, body: str, work_package=None, notify: bool = True
) -> Thread:
    thread = Thread.objects.create(
        workspace=workspace,
        subject=subject,
        work_package=work_package,
        started_by=user,
        last_post_at=timezone.now(),
    )
    reply(thread, user, body, work_package=work_package, notify=notify)
    return thread


@transaction.atomic
def reply(thread: Thread, user, body: str, work_package=None, notify: bool = True) -> Post:
    """Add a post; the workspace's members are told (unless `notify` is off: demo content)."""
    post = Post.objects.create(
        thread=thread,
        author=user,
        author_name=author_name(user),
        body=sanitize.post_html(body),
        work_package=work_package,
    )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    mark_read(thread, user, post.created_at)
    if notify:
        transaction.on_commit(lambda: async_task("members.tasks.notify_post", post.pk))
    return post


def mark_read(thread: Thread, user, when=None) -> None:
    ThreadRead.objects.update_or_create(
        thread=thread, user=user, defaults={"read_at": when or timezone.now()}
    )


def with_unread(threads: QuerySet[Thread], user) -> QuerySet[Thread]:
    """Each thread annotated with `unread`: posts newer than the member's last reading."""
    last_read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("read_at")[:1]
    unread = (
        Post.objects.visible()
        .filter(thread=OuterRef("pk"), created_at__gt=OuterRef("last_read"))
        .order_by()
        .values("thread")
        .annotate(count=Count("id"))
        .values("count")
    )
    return threads.annotate(
        last_read=Coalesce(Subquery(last_read), Value(NEVER)),
    ).annotate(unread=Coalesce(Subquery(unread), 0))


def unread_total(workspace: Workspace, user) -> int:
    """Unread posts of the whole workspace, counted by the database in one query."""
    last_read = ThreadRead.objects.filter(thread=OuterRef("thread"), user=user).values("read_at")[
        :1
    ]
    return (
        Post.objects.visible()
        .filter(thread__workspace=workspace)
        .annotate(last_read=Coalesce(Subquery(last_read), Value(NEVER)))
        .filter(created_at__gt=F("last_read"))
        .count()
    )
