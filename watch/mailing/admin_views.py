"""Admin views of subscriptions and digests: listings, composing, preview, sending, dashboard."""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_q.tasks import async_task
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import AdminDateTimeInput

from hub.admin_columns import optional
from watch.collection.models import Item
from watch.mailing import charts, digests
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, OutboxMessage, Subscriber

# --- Subscribers ------------------------------------------------------------------------------


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Abonné·es")
    url_prefix = "veille/abonnes"
    url_namespace = "watch_subscribers"
    list_display = [
        "email",
        optional(Subscriber, "name"),
        "status",
        "rhythm",
        optional(Subscriber, "paused_at", empty_text=gettext_lazy("non")),
        "created_at",
        optional(Subscriber, "confirmed_at", empty_text=gettext_lazy("pas encore")),
    ]
    list_filter = ["status", "rhythm", "themes"]
    search_fields = ["email", "name"]
    list_export = [
        "email",
        "name",
        "status",
        "rhythm",
        "wants_calls",
        "wants_news",
        "wants_resources",
        "wants_events",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_version",
        "consent_source",
        "hard_failures",
    ]
    export_filename = "abonnes-lettre"
    form_fields = [
        "name",
        "themes",
        "wants_calls",
        "wants_news",
        "wants_resources",
        "wants_events",
        "rhythm",
        "status",
        "paused_at",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email", "name", "status", "rhythm", "themes", "created_at", "confirmed_at",
        "unsubscribed_at", "paused_at", "consent_at", "consent_version", "consent_source",
        "hard_failures", "soft_failures", "last_failure_at", "last_failure",
    ]  # fmt: skip


# --- Digests ----------------------------------------------------------------------------------


def _outbox_counts(*states: str, suffix: str = "") -> dict[str, Count]:
    """Annotations counting a digest's outbox rows in each state ("sent", "failed", "pending")."""
    statuses = {
        "sent": [OutboxMessage.Status.SENT],
        "failed": [OutboxMessage.Status.FAILED],
        "pending": list(OutboxMessage.UNFINISHED_STATUSES),
    }
    return {
        state + suffix: Count("outbox", filter=Q(outbox__status__in=statuses[state]))
        for state in states
    }


def _progress_columns():
    return [
        Column("sent_count", label=gettext_lazy("Envoyés"), sort_key="sent_count"),
        Column("failed_count", label=gettext_lazy("Échecs"), sort_key="failed_count"),
        Column("pending_count", label=gettext_lazy("En attente"), sort_key="pending_count"),
    ]


def period_last_day(digest: Digest) -> str:
    return digests.format_date(digest.period_last_day, "j F Y")


class DigestCreateView(generic.CreateView):
    def get_success_url(self):
        return reverse("watch_digests:control", args=[self.object.pk])


class DigestEditView(generic.EditView):
    """Only drafts and scheduled digests change: a sent digest is what people received."""

    def dispatch(self, request, *args, **kwargs):
        digest = get_object_or_404(Digest, pk=kwargs.get("pk"))
        if not digest.is_editable:
            messages.warning(
                request, _("Cette lettre est partie (ou part) : elle ne se modifie plus.")
            )
            return redirect(reverse("watch_digests:control", args=[digest.pk]))
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("watch_digests:control", args=[self.object.pk])


class DigestViewSet(ModelViewSet):
    model = Digest
    add_view_class = DigestCreateView
    edit_view_class = DigestEditView
    icon = "mail"
    menu_label = gettext_lazy("Lettres")
    url_prefix = "veille/lettres"
    url_namespace = "watch_digests"
    list_filter = ["status", "rhythm"]
    search_fields = ["title"]
    copy_view_enabled = False
    list_export = ["title", "rhythm", "status", "period_start", "period_last_day", "sent_at"]
    export_headings = {"period_last_day": gettext_lazy("Dernier jour de la période")}

    @property
    def list_display(self):
        return [
            "title",
            "rhythm",
            "status",
            # period_end is excluded (Monday 00:00 ends the week before): show the last day in.
            Column(
                "period_last_day",
                label=gettext_lazy("Fin de la période"),
                accessor=period_last_day,
                sort_key="period_end",
            ),
            optional(Digest, "sent_at"),
            *_progress_columns(),
        ]

    def get_index_view_kwargs(self, **kwargs):
        # ModelViewSet has no get_queryset(request) hook (SnippetViewSet has): the listing gets
        # its queryset here, with the progress counts in the same query.
        return super().get_index_view_kwargs(
            queryset=Digest.objects.annotate(
                **_outbox_counts("sent", "failed", "pending", suffix="_count")
            ),
            **kwargs,
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/envoi/", DigestControlView.as_view(), name="control"),
            path("<int:pk>/apercu.html", digest_preview_html, name="preview_html"),
            path("<int:pk>/progression.json", digest_progress, name="progress"),
            path("brouillon/", make_draft_now, name="draft_now"),
        ]


def may_change_digests(user) -> bool:
    return user.is_superuser or user.has_perm("mailing.change_digest")


def _require_change(request):
    if not may_change_digests(request.user):
        raise PermissionDenied


def _preview_subscriber(request) -> Subscriber | None:
    query = request.GET.get("as", "").strip().lower()
    if not query:
        return None
    return Subscriber.objects.filter(email=query).first()


NOTHING_TO_SEND = gettext_lazy(
    "Personne n’a rien de nouveau à recevoir dans cette lettre : elle ne part pas et "
    "n’apparaîtra pas dans les archives. Ajoutez des éléments ou attendez la prochaine période."
)


INVALID_WHEN = gettext_lazy("Indiquez une date et une heure valides (jj/mm/aaaa hh:mm).")


class ScheduleForm(forms.Form):
    """When a digest should leave: Wagtail's date picker, in the admin's French format."""

    when = forms.DateTimeField(
        label=gettext_lazy("Programmer l’envoi le"),
        # The picker writes dd/mm/yyyy hh:mm; ISO still accepted for scripts and older forms.
        input_formats=[settings.WAGTAIL_DATETIME_FORMAT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=AdminDateTimeInput(
            attrs={"required": True, "aria-describedby": "schedule-when-help"}
        ),
        error_messages={"required": INVALID_WHEN, "invalid": INVALID_WHEN},
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(gettext_lazy("Choisissez une date dans le futur."))
        return when


class DigestControlView(WagtailAdminTemplateMixin, TemplateView):
    """One digest at a glance: preview (as any subscriber), test, send, schedule, progress."""

    template_name = "watch/digests/admin_control.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        _require_change(request)
        self.digest = get_object_or_404(Digest, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.digest)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("watch_digests:index"), "label": _("Lettres")},
            {"url": "", "label": str(self.digest)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscriber = _preview_subscriber(self.request)
        content = digests.DigestContent(self.digest)
        selection, _html, text = digests.preview_subscriber(self.digest, subscriber, content)
        editable = self.digest.is_editable
        recipients = Subscriber.objects.sendable_for(self.digest.rhythm).count()
        context.update(
            digest=self.digest,
            progress=self.digest.progress(),
            recipients=recipients,
            # Counted the way sending decides, so the confirmation promises what will happen.
            receiving=mailing.receiving_count(self.digest, content) if editable else None,
            preview_as=self.request.GET.get("as", ""),
            preview_subscriber=subscriber,
            preview_unknown=bool(self.request.GET.get("as")) and subscriber is None,
            preview_text=text,
            preview_count=len(selection.keys),
            preview_html_url=reverse("watch_digests:preview_html", args=[self.digest.pk])
            + (f"?as={self.request.GET['as']}" if self.request.GET.get("as") else ""),
            progress_url=reverse("watch_digests:progress", args=[self.digest.pk]),
            edit_url=reverse("watch_digests:edit", args=[self.digest.pk]),
            entry_count=len(content.entries),
            schedule_form=ScheduleForm(auto_id="schedule-%s"),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        digest = self.digest
        if action == "test":
            address = request.user.email
            if not address:
                messages.error(
                    request, _("Votre compte n’a pas d’adresse e-mail : ajoutez-en une.")
                )
            else:
                try:
                    mailing.send_test(digest, address)
                except Exception as error:  # noqa: BLE001 - show any backend failure to the editor
                    messages.error(
                        request, _("L’envoi du test a échoué : %(error)s") % {"error": error}
                    )
                else:
                    messages.success(
                        request, _("Test envoyé à %(address)s.") % {"address": address}
                    )
        elif action == "send" and digest.is_editable:
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Cochez la case de confirmation avant d’envoyer."))
            elif not mailing.receiving_count(digest):
                messages.warning(request, NOTHING_TO_SEND)
            else:
                async_task("watch.mailing.tasks.start_sending", digest.pk)
                messages.success(request, _("Envoi lancé : la progression s’affiche ci-dessous."))
        elif action == "schedule" and digest.is_editable:
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                messages.error(request, form.errors["when"][0])
            else:
                mailing.schedule(digest, form.cleaned_data["when"])
                messages.success(request, _("Envoi programmé."))
        elif action == "cancel":
            mailing.cancel(digest)
            messages.success(request, _("La lettre est annulée : plus rien ne part."))
        elif action == "unschedule" and digest.status == Digest.Status.SCHEDULED:
            Digest.objects.filter(pk=digest.pk).update(
                status=Digest.Status.DRAFT, scheduled_for=None
            )
            messages.success(request, _("Programmation retirée : la lettre est un brouillon."))
        return redirect(reverse("watch_digests:control", args=[digest.pk]))


def digest_preview_html(request, pk):
    """The HTML e-mail exactly as the chosen subscriber would get it (shown in an iframe)."""
    _require_change(request)
    digest = get_object_or_404(Digest, pk=pk)
    _selection, html, _text = digests.preview_subscriber(digest, _preview_subscriber(request))
    response = HttpResponse(html)
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def digest_progress(request, pk):
    _require_change(request)
    digest = get_object_or_404(Digest, pk=pk)
    return JsonResponse({**digest.progress(), "status": digest.get_status_display()})


def make_draft_now(request):
    _require_change(request)
    if request.method != "POST":
        return redirect("watch_digests:index")
    rhythm = request.POST.get("rhythm", "weekly")
    digest = digests.build_draft(rhythm if rhythm in {"weekly", "monthly"} else "weekly")
    messages.success(request, _("Brouillon préparé : relisez-le, réordonnez-le, puis envoyez-le."))
    return redirect(reverse("watch_digests:control", args=[digest.pk]))


class MailingGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Lettre de veille")
    menu_icon = "mail"
    menu_order = 250
    items = (DigestViewSet, SubscriberViewSet)


# --- Dashboard --------------------------------------------------------------------------------


def _weeks(count: int, now: datetime) -> list[datetime]:
    local = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    monday = local - timedelta(days=local.weekday())
    return [monday - timedelta(weeks=count - 1 - index) for index in range(count)]


def _week_key(value) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


def _per_week(queryset, field: str, since, *by: str) -> list[tuple]:
    """(week, *by, count) of the rows whose `field` is `since` or later, grouped by its week."""
    rows = (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(week=TruncWeek(field))
        .values_list("week", *by)
        .annotate(n=Count("id"))
        .values_list("week", *by, "n")
    )
    return [(_week_key(week), *rest) for week, *rest in rows]


def subscribers_over_time(weeks: int = 12, now=None) -> list[tuple[str, int]]:
    """Confirmed subscribers at the end of each of the last weeks (two grouped queries)."""
    starts = _weeks(weeks, now or timezone.now())
    first = starts[0]
    confirmed = Subscriber.objects.exclude(confirmed_at=None)
    before = confirmed.aggregate(
        joined=Count("id", filter=Q(confirmed_at__lt=first)),
        left=Count("id", filter=Q(unsubscribed_at__lt=first)),
    )
    joined = dict(_per_week(confirmed, "confirmed_at", first))
    left = dict(_per_week(confirmed, "unsubscribed_at", first))
    points, total = [], before["joined"] - before["left"]
    for start in starts:
        key = start.date().isoformat()
        total += joined.get(key, 0) - left.get(key, 0)
        points.append((start.strftime("%d/%m"), max(total, 0)))
    return points


def digests_sent_and_failed(limit: int = 8) -> list[tuple[str, dict[str, int]]]:
    rows = (
        Digest.objects.filter(status__in=[Digest.Status.SENT, Digest.Status.SENDING])
        .order_by("-send_started_at")
        .annotate(**_outbox_counts("sent", "failed"))
        .values_list("send_started_at", "sent", "failed")[:limit]
    )
    return [
        (
            timezone.localtime(started).strftime("%d/%m") if started else "?",
            {"sent": s, "failed": f},
        )
        for started, s, f in reversed(list(rows))
    ]


def items_per_week(weeks: int = 12, now=None) -> list[tuple[str, dict[str, int]]]:
    starts = _weeks(weeks, now or timezone.now())
    counts: dict[str, dict[str, int]] = {}
    for week, kind, n in _per_week(Item.objects.all(), "collected_at", starts[0], "kind"):
        counts.setdefault(week, {})[kind] = n
    return [(start.strftime("%d/%m"), counts.get(start.date().isoformat(), {})) for start in starts]


class MailingDashboardPanel(Component):
    """Three small charts an editor reads at a glance, with their figures in tables."""

    name = "watch_mailing"
    order = 150
    template_name = "watch/digests/admin_dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        subscribers = subscribers_over_time()
        sent = digests_sent_and_failed()
        items = items_per_week()
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("id")).order_by())
        paused = Subscriber.objects.filter(
            status=Subscriber.Status.ACTIVE, paused_at__isnull=False
        ).count()
        return {
            # The panel renders with a fresh context: pass the CSRF token on, or its
            # "prepare a draft" form is refused.
            "csrf_token": (parent_context or {}).get("csrf_token"),
            "request": (parent_context or {}).get("request"),
            "counts": counts,
            "paused": paused,
            "subscribers": subscribers,
            "sent": sent,
            "items": items,
            "subscribers_chart": charts.line_chart(
                "chart-subscribers",
                _("Personnes abonnées par semaine"),
                _(
                    "Nombre de personnes abonnées (abonnement confirmé) à la fin de chacune des "
                    "12 dernières semaines."
                ),
                subscribers,
            ),
            "sent_chart": charts.bar_chart(
                "chart-digests",
                _("Lettres envoyées et échecs"),
                _("Messages envoyés et en échec pour chacune des dernières lettres."),
                sent,
                [
                    charts.Series("sent", _("envoyés"), "#1f7a3f"),
                    charts.Series("failed", _("échecs"), "#b3261e"),
                ],
            ),
            "items_chart": charts.bar_chart(
                "chart-items",
                _("Éléments de veille collectés par semaine"),
                _("Appels à projets et actualités collectés chacune des 12 dernières semaines."),
                items,
                [
                    charts.Series(Item.Kind.CALL, _("appels"), "#0b4f8a"),
                    charts.Series(Item.Kind.NEWS, _("actualités"), "#c77700"),
                ],
            ),
            "digests_url": reverse("watch_digests:index"),
            "subscribers_url": reverse("watch_subscribers:index"),
            "draft_url": reverse("watch_digests:draft_now"),
        }
