"""What coordinators do to a post or a document: hide it (a post, restorable) or remove it.

The row stays, so threads and version lists keep their shape and say who acted when; what was
removed is gone (body erased, files deleted), and every listing, search and e-mail reads only
visible rows (`.visible()`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Masqué par la coordination")
    REMOVED = "removed", _("Retiré par la coordination")


class ModeratedQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(moderation=ModerationState.VISIBLE)


class Moderated(models.Model):
    moderation = models.CharField(
        _("modération"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.VISIBLE,
        db_index=True,
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the coordinator's account is closed.
    moderated_by_name = models.CharField(_("modéré par"), max_length=200, blank=True)
    moderation_reason = models.CharField(_("motif"), max_length=500, blank=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.moderation == ModerationState.VISIBLE

    @property
    def is_hidden(self) -> bool:
        return self.moderation == ModerationState.HIDDEN

    @property
    def is_removed(self) -> bool:
        return self.moderation == ModerationState.REMOVED
