"""Admin of the transactional outbox: the listing, « Renvoyer » and the failures panel."""

import django_filters
from django import forms
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import outbox
from hub.admin_columns import optional
from hub.models import OutgoingEmail

RESEND_PERMISSION = "hub.change_outgoingemail"


class OutgoingEmailPermissionPolicy(ModelPermissionPolicy):
    """What was sent stays as it was sent: the outbox is read-only in the admin (a message is
    only put back in the queue, by « Renvoyer »)."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(OutgoingEmail, OutgoingEmailPermissionPolicy(OutgoingEmail))


# Each app's category of message, in words (the codes are what the outbox stores).
CATEGORY_LABELS = {
    "mailing.confirmation": _("Lettre de veille : confirmation d’abonnement"),
    "mailing.already_subscribed": _("Lettre de veille : abonnement déjà actif"),
    "events.confirmed": _("Événement : inscription confirmée"),
    "events.waiting": _("Événement : liste d’attente"),
    "events.pending": _("Événement : demande reçue"),
    "events.promoted": _("Événement : place libérée"),
    "events.accepted": _("Événement : demande acceptée"),
    "events.declined": _("Événement : demande non retenue"),
    "events.cancelled": _("Événement : inscription annulée"),
    "events.reminder": _("Événement : rappel"),
    "events.event_updated": _("Événement : changement"),
    "events.event_cancelled": _("Événement : annulation"),
    "mentoring.received": _("Mentorat : candidature reçue"),
    "mentoring.proposed": _("Mentorat : binôme proposé"),
    "mentoring.confirmed": _("Mentorat : binôme confirmé"),
    "mentoring.declined": _("Mentorat : binôme non retenu"),
    "mentoring.started": _("Mentorat : début du binôme"),
    "mentoring.completed": _("Mentorat : attestation"),
    "mentoring.cancelled": _("Mentorat : binôme annulé"),
    "members.account": _("Espace membres : compte"),
    "members.membership": _("Espace membres : adhésion"),
    "members.workspace": _("Espace membres : espace de travail"),
    "resources.application_notification": _("Candidature : avis à l’équipe"),
    "resources.application_confirmation": _("Candidature : accusé de réception"),
}


def category_label(email: OutgoingEmail) -> str:
    return str(CATEGORY_LABELS.get(email.category, email.category))


def _choices_with_counts(field: str, labels: dict) -> list[tuple[str, str]]:
    counts = OutgoingEmail.objects.values_list(field).annotate(n=Count("id")).order_by(field)
    return [(value, f"{labels.get(value, value)} ({count})") for value, count in counts]


class OutgoingEmailFilterSet(WagtailFilterSet):
    """Status and category filters whose choices tell how many messages each holds."""

    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=[], widget=forms.RadioSelect, empty_label=_("Tous")
    )
    category = django_filters.ChoiceFilter(
        label=_("Catégorie"), choices=[], widget=forms.RadioSelect, empty_label=_("Toutes")
    )

    class Meta:
        model = OutgoingEmail
        fields = ["status", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["status"].extra["choices"] = _choices_with_counts(
            "status", dict(OutgoingEmail.Status.choices)
        )
        self.filters["category"].extra["choices"] = _choices_with_counts(
            "category", CATEGORY_LABELS
        )


class OutgoingEmailViewSet(SnippetViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Courriels du site")  # short enough for the menu; the page says the rest
    menu_order = 850
    add_to_admin_menu = True
    url_prefix = "courriels"
    list_display = [
        "subject",
        "recipients",
        Column("category", label=_("Catégorie"), accessor=category_label, sort_key="category"),
        "status",
        "created_at",
        optional(OutgoingEmail, "last_error"),
    ]
    filterset_class = OutgoingEmailFilterSet
    search_fields = ["subject"]
    search_backend_name = None  # a plain database filter: the outbox is not in the search index
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject", "category", "status", "to", "from_email", "reply_to", "created_at",
        "sent_at", "attempts", "next_attempt_at", "last_error", "message_id", "body",
    ]  # fmt: skip
    copy_view_enabled = False
    list_per_page = 50


def resend_url(ids, next_url: str | None = None) -> str:
    base = reverse("wagtail_bulk_action", args=("hub", "outgoingemail", "resend"))
    query = [("id", pk) for pk in ids] + ([("next", next_url)] if next_url else [])
    return f"{base}?{urlencode(query)}"


def can_resend(user) -> bool:
    return user.has_perm(RESEND_PERMISSION)


class ResendBulkAction(SnippetBulkAction):
    """« Renvoyer »: failed messages go back in the queue, with their original Message-ID."""

    display_name = _("Renvoyer")
    action_type = "resend"
    aria_label = _("Renvoyer les courriels sélectionnés")
    template_name = "hub/outbox/confirm_resend.html"
    action_priority = 10
    models = [OutgoingEmail]

    def check_perm(self, obj):
        return obj.status == OutgoingEmail.Status.FAILED and can_resend(self.request.user)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return outbox.resend([obj.pk for obj in objects]), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d courriel remis dans la file d’envoi.",
            "%(count)d courriels remis dans la file d’envoi.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


def listing_buttons(snippet, user, next_url=None):
    """A « Renvoyer » button on each failed message of the listing."""
    if isinstance(snippet, OutgoingEmail) and snippet.status == OutgoingEmail.Status.FAILED:
        if can_resend(user):
            yield Button(
                _("Renvoyer"),
                resend_url([snippet.pk], next_url),
                icon_name="repeat",
                priority=5,
            )


class FailedEmailsPanel(Component):
    """Dashboard: how many transactional e-mails failed, with a link to them."""

    name = "outbox_failures"
    order = 90
    template_name = "hub/outbox/failed_panel.html"

    def __init__(self, failed: int):
        self.failed = failed

    def get_context_data(self, parent_context=None):
        return {
            "failed": self.failed,
            "url": reverse(OutgoingEmailViewSet.model.snippet_viewset.get_url_name("list"))
            + "?status=failed",
        }


def dashboard_panel(request, panels):
    if policy_registry.get_by_type(OutgoingEmail).user_has_permission(request.user, "view"):
        failed = outbox.failed_count()
        if failed:
            panels.append(FailedEmailsPanel(failed))
