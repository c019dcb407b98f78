"""Sources of the watch: feeds and web pages an editor follows, with their fetch health."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceQuerySet(models.QuerySet):
    def collectable(self):
        """Active and not paused."""
        return self.filter(active=True, paused_at__isnull=True)

    def due(self, now=None):
        """Never fetched yet, or its next fetch time has come."""
        now = now or timezone.now()
        return self.filter(models.Q(next_fetch_at__isnull=True) | models.Q(next_fetch_at__lte=now))

    def unlocked(self, now=None):
        """Lease free: never claimed, or the last claim expired (a worker died mid-fetch)."""
        now = now or timezone.now()
        return self.filter(models.Q(locked_until__isnull=True) | models.Q(locked_until__lt=now))


class Source(models.Model):
    """A feed or a web page the watch fetches on a schedule, with the health of its last fetches."""

    class Kind(models.TextChoices):
        FEED = "feed", _("Flux RSS ou Atom")
        PAGE = "page", _("Page web")
        EU_FUNDING = "eu-funding", _("Portail européen Financements et appels d’offres")
        AIDES_TERRITOIRES = "aides-territoires", _("Aides-territoires")

    class Publishes(models.TextChoices):
        NEWS = "news", _("Actualités")
        CALLS = "calls", _("Appels à projets")
        MIXED = "mixed", _("Les deux (détecté élément par élément)")

    # The CSS selectors of a web-page source, in the order of `watch.collection.parse.Selectors`.
    SELECTOR_FIELDS = (
        "item_selector", "link_selector", "title_selector", "summary_selector",
        "date_selector", "deadline_selector",
    )  # fmt: skip

    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("adresse"), max_length=1000)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.FEED)
    publishes = models.CharField(
        _("publie"), max_length=10, choices=Publishes.choices, default=Publishes.MIXED
    )
    themes = models.ManyToManyField(
        "hub.Theme",
        verbose_name=_("thématiques par défaut"),
        blank=True,
        related_name="watch_sources",
        help_text=_("Données à chaque élément de cette source, en plus de celles détectées."),
    )
    active = models.BooleanField(_("active"), default=True)
    fetch_interval = models.PositiveIntegerField(_("intervalle de collecte (minutes)"), default=360)

    # CSS selectors of a web-page source.
    item_selector = models.CharField(_("sélecteur des éléments"), max_length=300, blank=True)
    link_selector = models.CharField(_("sélecteur du lien"), max_length=300, blank=True)
    title_selector = models.CharField(_("sélecteur du titre"), max_length=300, blank=True)
    summary_selector = models.CharField(_("sélecteur du résumé"), max_length=300, blank=True)
    date_selector = models.CharField(_("sélecteur de la date"), max_length=300, blank=True)
    deadline_selector = models.CharField(
        _("sélecteur de la date limite"), max_length=300, blank=True
    )

    # Filters of a portal source (`watch.collection.portals`): programmes, statuses, keywords…
    portal_filters = models.JSONField(_("filtres du portail"), default=dict, blank=True)

    # Conditional GET.
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)

    # Health, shown to editors.
    last_fetch_at = models.DateTimeField(_("dernière collecte"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("dernier succès"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("statut HTTP"), null=True, blank=True)
    last_found = models.PositiveIntegerField(_("éléments trouvés"), default=0)
    last_new = models.PositiveIntegerField(_("nouveaux"), default=0)
    last_updated = models.PositiveIntegerField(_("mis à jour"), default=0)
    consecutive_failures = models.PositiveSmallIntegerField(_("échecs consécutifs"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    last_warning = models.TextField(_("dernier avertissement"), blank=True)
    paused_at = models.DateTimeField(_("mise en pause le"), null=True, blank=True)
    paused_reason = models.TextField(_("raison de la pause"), blank=True)
    next_fetch_at = models.DateTimeField(_("prochaine collecte"), null=True, blank=True)
    # Lease: a fetch claims the source until this time so it is never fetched twice at once.
    locked_until = models.DateTimeField(_("réservée jusqu’à"), null=True, blank=True)

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        indexes = [models.Index(fields=["active", "next_fetch_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_portal(self) -> bool:
        """Read through a portal's JSON API rather than a feed or a page."""
        return self.kind in (self.Kind.EU_FUNDING, self.Kind.AIDES_TERRITOIRES)

    def clean(self) -> None:
        """Refuse what a fetch could never use, with a message tied to the field."""
        import soupsieve
        from django.core.exceptions import ValidationError

        errors = {}
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            errors["url"] = _("Seules les adresses http:// et https:// sont acceptées.")
        if self.kind == self.Kind.PAGE and not self.item_selector.strip():
            errors["item_selector"] = _(
                "Une page web demande au moins le sélecteur des éléments (par exemple li.appel)."
            )
        for name in self.SELECTOR_FIELDS:
            value = getattr(self, name).strip()
            if not value or name in errors:
                continue
            try:
                soupsieve.compile(value)
            except Exception:  # noqa: BLE001 - soupsieve raises several error types
                errors[name] = _("« %(value)s » n’est pas un sélecteur CSS valide.") % {
                    "value": value
                }
        if self.is_portal:
            from watch.collection.portals.filters import filter_errors

            errors.update(filter_errors(self.kind, self.portal_filters))
        if errors:
            raise ValidationError(errors)

    def interval(self) -> timedelta:
        return timedelta(minutes=max(self.fetch_interval, 5))
