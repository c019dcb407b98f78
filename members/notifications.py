"""E-mails about new posts: one per post, or a daily summary, as each member chose.

Each is written in the member's language (MemberProfile.language), links included: the
subject, the body and the /en/ addresses are all computed under `translation.override`.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members import emails
from members.models import MemberProfile, Post, WorkspaceMembership


def thread_url(post: Post) -> str:
    thread = post.thread
    path = reverse("members:thread", args=[thread.workspace.slug, thread.pk])
    return emails.absolute(f"{path}#repondre")


def notify_post(post_id: int) -> int:
    """E-mail the post to the workspace's members who want one e-mail per post."""
    # A post hidden or removed before its task ran is not sent.
    post = (
        Post.objects.visible()
        .select_related("thread__workspace", "work_package")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return 0
    seats = (
        WorkspaceMembership.objects.filter(
            workspace=post.thread.workspace,
            user__member_profile__status=MemberProfile.Status.APPROVED,
            user__member_profile__notifications=MemberProfile.Notifications.EACH_POST,
            user__is_active=True,
        )
        .exclude(user_id=post.author_id)
        .select_related("user__member_profile")
    )
    sent = 0
    for seat in seats:
        language = seat.user.member_profile.language
        with translation.override(language):
            subject = _("[%(workspace)s] %(subject)s") % {
                "workspace": post.thread.workspace.name,
                "subject": post.thread.subject,
            }
            context = {"post": post, "thread": post.thread, "reply_url": thread_url(post)}
        emails.send(
            seat.user.email,
            subject,
            "email/members/post",
            context,
            key=f"members:post:{post.pk}:{seat.user_id}",
            category="members.workspace",
            language=language,
        )
        sent += 1
    return sent


def send_daily_summaries(now=None) -> int:
    """One e-mail per member who chose the daily summary and has new posts since the last."""
    now = now or timezone.now()
    profiles = (
        MemberProfile.objects.filter(
            status=MemberProfile.Status.APPROVED,
            notifications=MemberProfile.Notifications.DAILY,
            user__is_active=True,
            user__workspace_memberships__isnull=False,
        )
        .select_related("user")
        .distinct()
    )
    sent = 0
    for profile in profiles:
        since = profile.summary_sent_at or now - timedelta(days=1)
        posts = list(
            Post.objects.visible()
            .filter(
                thread__workspace__memberships__user=profile.user,
                created_at__gt=since,
                created_at__lte=now,
            )
            .exclude(author=profile.user)
            .select_related("thread__workspace")
            .order_by("thread__workspace__name", "thread_id", "created_at")
        )
        if posts:
            with translation.override(profile.language):
                subject = ngettext(
                    "Vos espaces de travail : %(count)s nouveau message",
                    "Vos espaces de travail : %(count)s nouveaux messages",
                    len(posts),
                ) % {"count": len(posts)}
                space_url = emails.absolute(reverse("members:space"))
            emails.send(
                profile.user.email,
                subject,
                "email/members/summary",
                {"profile": profile, "posts": posts, "space_url": space_url},
                key=f"members:summary:{profile.pk}:{now.date().isoformat()}",
                category="members.workspace",
                language=profile.language,
            )
            sent += 1
        profile.summary_sent_at = now
        profile.save(update_fields=["summary_sent_at"])
    return sent
