"""Event pages: the agenda, yearly thematic cycles and the events themselves."""

from datetime import datetime
from decimal import Decimal
from http import HTTPMethod

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from events.calendar_links import google_calendar_url, outlook_calendar_url
from events.choices import (
    AttendanceMode,
    EventFormat,
    EventStatus,
    RegistrationMode,
    RegistrationStatus,
)
from events.forms import AgendaFilterForm, RegistrationForm
from events.models.registrations import Registration
from events.structured_data import event_json_ld
from hub.blocks import BaseStreamBlock
from hub.locales import OnePerLanguageMixin, in_active_locale
from hub.models.listed import ListedPageMixin
from hub.models.media import image_field
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin
from hub.visibility import exclude_restricted

AGENDA_PAGE_SIZE = 12


class EventPageQuerySet(PageQuerySet):
    """Event filters used by the agenda, the feeds, the home page and the watch's digest."""

    def upcoming(self, now: datetime | None = None):
        """Events not over yet (a multi-day event stays listed until its last day)."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now: datetime | None = None):
        return self.filter(end__lt=now or timezone.now())

    def registration_open(self, now: datetime | None = None):
        """The SQL twin of EventPage.registration_is_open."""
        now = now or timezone.now()
        return self.filter(
            status=EventStatus.SCHEDULED,
            registration_mode__in=[RegistrationMode.OPEN, RegistrationMode.APPROVAL],
            start__gt=now,
        ).filter(
            Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now),
            Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now),
        )

    def with_seats_taken(self):
        """Annotate `seats_taken` (confirmed registrations) with one subquery, no N+1.

        Counted over the event's translations: seats are taken on the French original.
        """
        confirmed = (
            Registration.objects.filter(
                event__translation_key=OuterRef("translation_key"),
                status=RegistrationStatus.CONFIRMED,
            )
            .order_by()
            .values("event__translation_key")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(
            seats_taken=Coalesce(Subquery(confirmed, output_field=models.IntegerField()), Value(0))
        )

    def for_listing(self):
        return (
            self.select_related("venue", "image")
            .prefetch_related("themes", "image__renditions")
            .with_seats_taken()
            .defer_streamfields()
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class AgendaPage(OnePerLanguageMixin, SeoMixin, MenuTitleMixin, Page):
    """The agenda: every upcoming event with filters (format, theme, month) and the archive."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["events.EventCyclePage", "events.EventPage"]
    template = "events/agenda_page.html"

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        archive = request.GET.get("periode") == "passes"
        base = exclude_restricted(in_active_locale(EventPage.objects.live()), prefix="")
        base = base.past(now) if archive else base.upcoming(now)
        form = AgendaFilterForm(request.GET or None, months_from=base)
        if form.is_bound:
            form.is_valid()  # an unknown month or theme is ignored; the other filters still apply
            base = form.filter(base)
        events = base.for_listing().order_by("-start" if archive else "start")
        paginator = Paginator(events, AGENDA_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            archive=archive,
            filter_form=form,
            page_obj=page_obj,
            events=page_obj.object_list,
            cycles=exclude_restricted(
                EventCyclePage.objects.child_of(self).live(), prefix=""
            ).order_by("-year"),
            now=now,
        )
        return context


class EventCyclePage(SeoMixin, Page):
    """A yearly thematic cycle (e.g. sustainable innovation) gathering its events as children."""

    year = models.PositiveSmallIntegerField(
        _("année de début de saison"), null=True, help_text=_("2026 pour la saison 2026-2027.")
    )
    theme = models.ForeignKey(
        "hub.Theme",
        verbose_name=_("thématique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("présentation"), blank=True)
    image = image_field(_("image"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("theme")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("partners", label=_("Partenaires")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]

    parent_page_types = ["events.AgendaPage", "hub.HomePage"]
    subpage_types = ["events.EventPage"]
    template = "events/event_cycle_page.html"

    class Meta:
        verbose_name = _("cycle d’événements")
        verbose_name_plural = _("cycles d’événements")

    @property
    def season_label(self) -> str:
        return f"{self.year}-{self.year + 1}" if self.year else ""

    def get_og_image(self):
        return self.image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = list(
            exclude_restricted(EventPage.objects.child_of(self).live(), prefix="")
            .for_listing()
            .order_by("start")
        )
        context["upcoming_events"] = [event for event in events if event.end and event.end >= now]
        context["past_events"] = [event for event in events if not event.end or event.end < now][
            ::-1
        ]
        context["partners"] = self.partners.select_related("logo")
        return context


class CyclePartner(Orderable):
    """A partner organisation of a cycle, shown with its logo and link."""

    cycle = ParentalKey(EventCyclePage, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("site web"), blank=True)
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    logo = image_field(_("logo"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire")


class EventPage(ListedPageMixin, Page):
    """One event (workshop, masterclass, meetup…): when, where, for whom, and how to register."""

    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.WORKSHOP
    )
    intro = RichTextField(
        _("en bref"), blank=True, features=["bold", "italic", "link"], max_length=600
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("programme"), blank=True)
    # null=True: drafts may be saved before the dates are known; publishing requires them.
    start = models.DateTimeField(_("début"), null=True, db_index=True)
    end = models.DateTimeField(_("fin"), null=True, db_index=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("précision sur le statut"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : « Reporté au printemps, nouvelle date à venir »."),
    )
    attendance_mode = models.CharField(
        _("modalité"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.ForeignKey(
        "events.Venue",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    online_url = models.URLField(
        _("lien de connexion"),
        blank=True,
        help_text=_("Envoyé aux seules personnes inscrites, jamais affiché sur la page."),
    )
    price = models.DecimalField(
        _("tarif (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Laisser vide ou 0 pour un événement gratuit."),
    )
    price_details = models.CharField(_("précisions sur le tarif"), max_length=255, blank=True)
    registration_mode = models.CharField(
        _("inscription"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OPEN,
    )
    external_registration_url = models.URLField(_("lien d’inscription externe"), blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"), null=True, blank=True, help_text=_("Vide : places illimitées.")
    )
    waiting_list_enabled = models.BooleanField(_("liste d’attente"), default=True)
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : dès maintenant."),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : jusqu’au début de l’événement."),
    )

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
        FieldPanel("status_note"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("attendance_mode"), FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Lieu"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("speakers", label=_("Intervenants")),
        *ListedPageMixin.taxonomy_panels,
    ]
    registration_panels = [
        FieldPanel("registration_mode"),
        FieldPanel("external_registration_url"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list_enabled")]),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("price_details")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenu")),
            ObjectList(registration_panels, heading=_("Inscriptions")),
            ObjectList(Page.promote_panels, heading=_("Référencement")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("format"),
        index.FilterField("status"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventCyclePage", "events.AgendaPage"]
    subpage_types: list[str] = []
    template = "events/event_page.html"
    # The registration form posts to the `events_register` view, never to the page itself.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit être postérieure au début.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _(
                "La clôture des inscriptions doit suivre leur ouverture."
            )
        if self.registration_mode == RegistrationMode.EXTERNAL and not (
            self.external_registration_url
        ):
            errors["external_registration_url"] = _(
                "Indiquez le lien d’inscription externe, ou choisissez un autre mode d’inscription."
            )
        if errors:
            raise ValidationError(errors)

    # --- What visitors see -------------------------------------------------------------------

    @property
    def is_past(self) -> bool:
        return bool(self.end and self.end < timezone.now())

    @property
    def is_free(self) -> bool:
        return not self.price or self.price == Decimal(0)

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    @property
    def physical_venue(self):
        """The venue people come to, or None (online-only event, or no venue given)."""
        if self.venue_id and self.attendance_mode != AttendanceMode.ONLINE:
            return self.venue
        return None

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode in (RegistrationMode.OPEN, RegistrationMode.APPROVAL)

    @property
    def registration_is_open(self) -> bool:
        """Now between opening and closing, mode open/on approval, event scheduled and ahead."""
        now = timezone.now()
        return bool(
            self.takes_registrations
            and self.status == EventStatus.SCHEDULED
            and self.start
            and self.start > now
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and (self.registration_closes_at is None or self.registration_closes_at > now)
        )

    @property
    def registration_not_yet_open(self) -> bool:
        return bool(self.registration_opens_at and self.registration_opens_at > timezone.now())

    @cached_property
    def confirmed_count(self) -> int:
        # Listings annotate seats_taken; a single page asks the database once.
        taken = getattr(self, "seats_taken", None)
        if taken is not None:
            return taken
        # Every translation of an event shares the seats of its French original.
        return Registration.objects.filter(
            event__translation_key=self.translation_key, status=RegistrationStatus.CONFIRMED
        ).count()

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def summary(self) -> str:
        return self.search_description or strip_tags(self.intro)

    def calendar_location(self) -> str:
        venue = self.physical_venue
        return venue.one_line_address if venue is not None else str(_("En ligne"))

    @cached_property
    def speaker_list(self) -> list:
        """The speakers with their photos, loaded once for the page and its JSON-LD."""
        return list(self.speakers.select_related("photo"))

    # --- Structured data ---------------------------------------------------------------------

    def get_json_ld(self, request):
        return event_json_ld(self, request)

    # --- Registration ------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = RegistrationForm()
        # Read only when the page's body fragment is rendered (not when it comes from the cache).
        context["speakers"] = SimpleLazyObject(lambda: self.speaker_list)
        context["themes_list"] = list(self.themes.all())
        # The parent's path is a prefix of ours: one query, no get_parent() round trip.
        context["parent_cycle"] = (
            EventCyclePage.objects.live().filter(path=self.path[: -self.steplen]).first()
        )
        return context

    def google_calendar_url(self) -> str:
        return google_calendar_url(self)

    def outlook_calendar_url(self) -> str:
        return outlook_calendar_url(self)


class EventSpeaker(Orderable):
    """A speaker or facilitator of an event."""

    event = ParentalKey(EventPage, related_name="speakers", on_delete=models.CASCADE)
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("fonction"), max_length=255, blank=True)
    bio = models.TextField(_("présentation"), blank=True)
    photo = image_field(_("photo"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
