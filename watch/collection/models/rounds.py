"""Fetch rounds: the tally of one scheduled collection, shared by the workers doing it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FetchRound(models.Model):
    """One scheduled round: how many sources it enqueued and what their fetches gave so far.

    Each source is fetched by its own task, possibly on another machine; every task adds its
    outcome with one atomic UPDATE, and the task completing the tally logs the round's line.
    """

    started_at = models.DateTimeField(_("commencée le"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    sources = models.PositiveIntegerField(_("sources à collecter"), default=0)
    done = models.PositiveIntegerField(_("sources traitées"), default=0)
    ok = models.PositiveIntegerField(_("succès"), default=0)
    failed = models.PositiveIntegerField(_("échecs"), default=0)
    skipped = models.PositiveIntegerField(_("ignorées"), default=0)
    new = models.PositiveIntegerField(_("nouveaux éléments"), default=0)
    updated = models.PositiveIntegerField(_("éléments mis à jour"), default=0)

    class Meta:
        verbose_name = _("tournée de collecte")
        verbose_name_plural = _("tournées de collecte")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.started_at:%d/%m/%Y %H:%M})"
