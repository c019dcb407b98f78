"""Items of the watch: calls for projects and news collected from sources, curated by editors."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sources import Source


class ItemQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Item.Status.ACCEPTED)

    def calls(self):
        return self.filter(kind=Item.Kind.CALL)

    def news(self):
        return self.filter(kind=Item.Kind.NEWS)

    def open(self, now=None):
        """No deadline, or a deadline not passed yet."""
        now = now or timezone.now()
        return self.filter(models.Q(deadline__isnull=True) | models.Q(deadline__gte=now))

    def closed(self, now=None):
        now = now or timezone.now()
        return self.filter(deadline__lt=now)

    def closing_within(self, days: int, now=None):
        """A deadline from now (included) to `days` days later (excluded)."""
        now = now or timezone.now()
        return self.filter(deadline__gte=now, deadline__lt=now + timedelta(days=days))

    def open_calls(self, now=None):
        return self.calls().open(now)

    def closed_calls(self, now=None):
        return self.calls().closed(now)


class Item(models.Model):
    """A call for projects or a piece of news found in a source; editors accept or reject it."""

    class Kind(models.TextChoices):
        CALL = "call", _("Appel à projets")
        NEWS = "news", _("Actualité")

    class Status(models.TextChoices):
        NEW = "new", _("À examiner")
        ACCEPTED = "accepted", _("Accepté")
        REJECTED = "rejected", _("Refusé")

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    featured = models.BooleanField(_("à la une"), default=False)

    title = models.CharField(_("titre (source)"), max_length=500)
    url = models.URLField(_("adresse"), max_length=2000)
    canonical_url = models.URLField(_("adresse canonique"), max_length=2000, db_index=True)
    guid = models.CharField(_("identifiant dans la source"), max_length=1000, blank=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64, db_index=True)
    summary_html = models.TextField(_("résumé (source, nettoyé)"), blank=True)
    summary_text = models.TextField(_("résumé en texte brut"), blank=True)
    # As the source declares it (feed, page's <html lang>, portal): the texts get it as `lang`.
    language = models.CharField(_("langue de la source"), max_length=35, blank=True)

    editor_title = models.CharField(_("titre (rédaction)"), max_length=500, blank=True)
    editor_summary_html = models.TextField(_("résumé (rédaction)"), blank=True)
    editor_note = models.TextField(_("note de la rédaction"), blank=True)

    deadline = models.DateTimeField(_("date limite"), null=True, blank=True, db_index=True)
    permanent = models.BooleanField(_("sans date limite"), default=False)
    # Once an editor sets the deadline or themes, a re-fetch no longer touches them.
    deadline_locked = models.BooleanField(_("date limite fixée par la rédaction"), default=False)
    themes_locked = models.BooleanField(_("thématiques fixées par la rédaction"), default=False)
    themes = models.ManyToManyField(
        "hub.Theme", verbose_name=_("thématiques"), blank=True, related_name="watch_items"
    )

    # Structured facts of a portal call (`watch.collection.portals.facts`): identifier,
    # programme, status, every deadline, budget, applicants, financers, aid types.
    facts = models.JSONField(_("informations structurées"), default=dict, blank=True)
    opens_at = models.DateTimeField(_("ouverture"), null=True, blank=True)

    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collecté le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    accepted_at = models.DateTimeField(_("accepté le"), null=True, blank=True, db_index=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("élément de veille")
        verbose_name_plural = _("éléments de veille")
        ordering = ["-collected_at"]
        indexes = [
            models.Index(fields=["source", "guid"]),
            models.Index(fields=["status", "kind", "deadline"]),
        ]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs):
        # The editor's summary is shown as HTML on the site and in e-mails: same allow-list.
        from watch.collection.sanitize import clean_html

        self.editor_summary_html = clean_html(self.editor_summary_html)
        # The link is rendered on public pages, feeds and e-mails: never a javascript: or data:.
        self._refuse_unusable_link()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self._refuse_unusable_link()

    def _refuse_unusable_link(self) -> None:
        from watch.collection.sanitize import usable_link

        if not usable_link(self.url):
            # Not tied to the `url` field: the admin form shows it read-only.
            raise ValidationError(
                _(
                    "Le lien « %(url)s » n’est pas une adresse web http(s) : cet élément ne peut"
                    " pas être enregistré. Refusez-le depuis la file de veille."
                ),
                code="unusable_link",
                params={"url": self.url[:200]},
            )

    @property
    def display_title(self) -> str:
        return self.editor_title or self.title

    # Column heading of the admin listing.
    display_title.fget.short_description = _("titre")

    @property
    def display_summary_html(self) -> str:
        return self.editor_summary_html or self.summary_html

    # The language of what is shown: the editors write in the site's language, the source in its.
    @property
    def title_language(self) -> str:
        return settings.LANGUAGE_CODE if self.editor_title else self.language

    @property
    def summary_language(self) -> str:
        return settings.LANGUAGE_CODE if self.editor_summary_html else self.language

    @property
    def note_language(self) -> str:
        return settings.LANGUAGE_CODE

    @property
    def is_closed(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.now()

    def closes_within(self, days: int, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.deadline is not None and now <= self.deadline and (self.deadline - now).days < days
        )

    def accept(self, now=None) -> None:
        self.status = self.Status.ACCEPTED
        self.accepted_at = self.accepted_at or now or timezone.now()

    @classmethod
    def accept_in_bulk(cls, ids, *, featured: bool | None = None, now=None) -> None:
        """Accept many items in two statements; the first acceptance date is kept."""
        cls.objects.filter(pk__in=ids, accepted_at__isnull=True).update(
            accepted_at=now or timezone.now()
        )
        changes = {"status": cls.Status.ACCEPTED}
        if featured is not None:
            changes["featured"] = featured
        cls.objects.filter(pk__in=ids).update(**changes)

    def reject(self) -> None:
        self.status = self.Status.REJECTED
