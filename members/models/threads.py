"""Message threads of a workspace: posts (sanitised HTML) and who read what when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.moderation import Moderated


class Thread(models.Model):
    """A discussion on one subject, possibly about one work package."""

    workspace = models.ForeignKey(
        "members.Workspace", on_delete=models.CASCADE, related_name="threads"
    )
    subject = models.CharField(_("sujet"), max_length=200)
    work_package = models.ForeignKey(
        "members.WorkPackage",
        verbose_name=_("lot de travail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # Kept on the thread so listings sort and count without touching the posts.
    last_post_at = models.DateTimeField(_("dernier message"), db_index=True)
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-last_post_at"])]

    def __str__(self) -> str:
        return self.subject


class Post(Moderated):
    """One message; an author who closes their account leaves it signed "Ancien membre"."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("auteur"), max_length=200)
    body = models.TextField(_("message"))  # sanitised HTML (members.sanitize)
    work_package = models.ForeignKey(
        "members.WorkPackage",
        verbose_name=_("lot de travail mentionné"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author_name} — {self.thread}"


class ThreadRead(models.Model):
    """When a member last read a thread: newer posts are unread for them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="members_one_read_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.thread} ({self.read_at:%Y-%m-%d %H:%M})"
