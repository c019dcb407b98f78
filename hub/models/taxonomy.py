"""The shared taxonomy every app tags its content with: themes, audiences, sectors, territories."""

import re
import unicodedata

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from hub.translated_fields import add_translations, translation_panels


class TaxonomyTerm(index.Indexed, models.Model):
    """A named, sluggable term; concrete terms add what they need."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    base_panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    panels = [*base_panels, *translation_panels("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.translated_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


# name_en…: the term's name on the English site (French when left empty); slugs stay French.
add_translations(TaxonomyTerm, "name")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Écologie" and "ecologie" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Theme(TaxonomyTerm):
    """A theme of the transitions (ecological, digital, economic…); its keywords drive the watch."""

    description = models.TextField(_("description"), blank=True)
    keywords = models.TextField(
        _("mots-clés"),
        blank=True,
        help_text=_(
            "Un mot ou une expression par ligne ; la veille les cherche dans les contenus."
        ),
    )

    panels = [
        *TaxonomyTerm.base_panels,
        FieldPanel("description"),
        FieldPanel("keywords"),
        *translation_panels("name", "description"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]

    def keyword_pattern(self) -> re.Pattern | None:
        """A whole-word, accent- and case-insensitive pattern over folded text."""
        words = [re.escape(fold(word)) for word in self.keyword_list()]
        if not words:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")


add_translations(Theme, "description")


class Audience(TaxonomyTerm):
    """Who a content is for: artists, structures, employees, job seekers…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class Sector(TaxonomyTerm):
    """A creative sector: live performance, music, visual arts, design, games…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("filière")
        verbose_name_plural = _("filières")


class Territory(TaxonomyTerm):
    """A territory (region, department, metropolis) content applies to."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Pays")
        REGION = "region", _("Région")
        DEPARTMENT = "department", _("Département")
        LOCAL = "local", _("Intercommunalité ou commune")
        EUROPE = "europe", _("Europe")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.REGION)
    code = models.CharField(_("code INSEE"), max_length=10, blank=True)

    panels = [
        *TaxonomyTerm.base_panels,
        FieldPanel("kind"),
        FieldPanel("code"),
        *translation_panels("name"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
