"""Workspaces: one per cooperation project or working-group promotion, with members and roles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from hub.models.media import image_field


class Workspace(ClusterableModel):
    """A private space where the partners of a project share message threads and documents."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Projet de coopération")
        WORKING_GROUP = "working_group", _("Groupe de travail")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d’URL"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    description = models.TextField(
        _("présentation interne"),
        blank=True,
        help_text=_("Visible des seuls membres de l’espace (la vitrine publique a la sienne)."),
    )
    events_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("événements : sous cette page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Par exemple le cycle d’événements du projet."),
    )
    events_theme = models.ForeignKey(
        "hub.Theme",
        verbose_name=_("événements : avec cette thématique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        InlinePanel("memberships", label=_("Membres de l’espace"), heading=_("Membres")),
        InlinePanel("partners", label=_("Partenaire"), heading=_("Partenaires (vitrine)")),
        InlinePanel("work_packages", label=_("Lot de travail"), heading=_("Lots de travail")),
        MultiFieldPanel(
            [FieldPanel("events_page"), FieldPanel("events_theme")],
            heading=_("Événements de l’espace"),
        ),
    ]

    class Meta:
        verbose_name = _("espace de travail")
        verbose_name_plural = _("espaces de travail")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partner(Orderable):
    """A partner organisation of the project, as the public showcase presents it."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chef de file")
        PARTNER = "partner", _("Partenaire")
        ASSOCIATED = "associated", _("Partenaire associé")

    workspace = ParentalKey(Workspace, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("nom"), max_length=200)
    country = models.CharField(_("pays"), max_length=80)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    description = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    logo = image_field(_("logo"))

    panels = [
        FieldPanel("name"),
        FieldPanel("country"),
        FieldPanel("role"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class WorkPackage(Orderable):
    """A work package (lot) of the project: threads and documents may be filed under it."""

    workspace = ParentalKey(Workspace, on_delete=models.CASCADE, related_name="work_packages")
    code = models.CharField(_("code"), max_length=20, help_text=_("Par exemple « LT2 »."))
    title = models.CharField(_("intitulé"), max_length=200)

    panels = [FieldPanel("code"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("lot de travail")
        verbose_name_plural = _("lots de travail")

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class WorkspaceMembership(Orderable):
    """A member's place in a workspace: coordinators and partners write, observers read."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordination")
        PARTNER = "partner", _("Partenaire")
        OBSERVER = "observer", _("Observateur")

    workspace = ParentalKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="workspace_memberships",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("membre de l’espace")
        verbose_name_plural = _("membres de l’espace")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="members_one_seat_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def can_write(self) -> bool:
        return self.role != self.Role.OBSERVER
