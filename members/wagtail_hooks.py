"""Admin: the membership queue (filters, counts, bulk approve/decline) and members-only pages."""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.models import BaseViewRestriction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub.admin_columns import optional
from hub.models import Sector, Territory
from members import membership
from members.models import MemberProfile, Workspace


class MembershipFilterSet(WagtailFilterSet):
    sectors = ModelChoiceFilter(label=_("Filière"), queryset=Sector.objects.all())
    territory = ModelChoiceFilter(label=_("Territoire"), queryset=Territory.objects.all())

    class Meta:
        model = MemberProfile
        fields = ["status", "sectors", "territory", "visibility"]


class MembershipViewSet(SnippetViewSet):
    """The queue of membership requests, newest first (pending ones counted on the dashboard)."""

    model = MemberProfile
    icon = "group"
    menu_label = _("Adhésions")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "membres/adhesions"
    list_display = [
        "full_name",
        Column("email", label=_("e-mail"), accessor="user.email"),
        optional(MemberProfile, "structure"),
        optional(MemberProfile, "territory"),
        "status",
        "requested_at",
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["full_name", "structure", "role", "motivation"]
    list_export = [
        "full_name",
        "email",
        "structure",
        "role",
        "territory",
        "status",
        "requested_at",
        "decided_at",
    ]
    export_filename = "adhesions"
    # Decisions go through the bulk actions (they e-mail the person and set the group).
    form_fields = ["full_name", "structure", "role", "sectors", "territory", "bio", "website"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return MemberProfile.objects.select_related("user", "territory")


membership_viewset = MembershipViewSet()
register_snippet(membership_viewset)


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Message joint (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ajouté à l’e-mail envoyé à chaque personne."),
    )


class DecideBulkAction(SnippetBulkAction):
    models = [MemberProfile]
    template_name = "members/admin/confirm_decision.html"
    form_class = DecisionForm

    def check_perm(self, obj):
        return self.request.user.has_perm("members.change_memberprofile")

    def get_execution_context(self):
        return {"by": self.request.user, "note": self.cleaned_form.cleaned_data["note"]}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "decision": self.display_name}


@hooks.register("register_bulk_action")
class ApproveBulkAction(DecideBulkAction):
    display_name = _("Approuver")
    action_type = "approve_membership"
    aria_label = _("Approuver les demandes sélectionnées")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, by=None, note="", **kwargs):
        for profile in objects:
            profile.decision_note = note
        return membership.approve(objects, by=by), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d adhésion approuvée : la personne est prévenue par e-mail.",
            "%(count)d adhésions approuvées : chaque personne est prévenue par e-mail.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class DeclineBulkAction(DecideBulkAction):
    display_name = _("Refuser")
    action_type = "decline_membership"
    aria_label = _("Refuser les demandes sélectionnées")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, by=None, note="", **kwargs):
        return membership.decline(objects, by=by, note=note), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d demande refusée : la personne est prévenue par e-mail.",
            "%(count)d demandes refusées : chaque personne est prévenue par e-mail.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class PendingMembershipsSummary(SummaryItem):
    order = 250
    template_name = "members/admin/summary.html"

    def get_context_data(self, parent_context):
        counts = MemberProfile.objects.aggregate(
            pending=Count("id", filter=Q(status=MemberProfile.Status.PENDING)),
            approved=Count("id", filter=Q(status=MemberProfile.Status.APPROVED)),
        )
        url = reverse(membership_viewset.get_url_name("list"))
        return {**counts, "url": url}

    def is_shown(self):
        return self.request.user.has_perm("members.change_memberprofile")


@hooks.register("construct_homepage_summary_items")
def add_memberships_summary(request, items):
    items.append(PendingMembershipsSummary(request))


@hooks.register("before_serve_page", order=-10)
def members_only_pages(page, request, serve_args, serve_kwargs):
    """Pages for "logged-in users" (or a group) are for approved members, not just any account:
    anyone may sign up, so a pending or declined account is told why it must wait."""
    user = request.user
    if not user.is_authenticated or membership.sees_members_content(user):
        return None
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type in (
            BaseViewRestriction.LOGIN,
            BaseViewRestriction.GROUPS,
        ) and not (
            restriction.restriction_type == BaseViewRestriction.GROUPS
            and restriction.accept_request(request)
        ):
            return render(request, "members/members_only.html", status=403)
    return None


class WorkspaceViewSet(SnippetViewSet):
    """Editors create a workspace, seat its members with their role, list partners and lots."""

    model = Workspace
    icon = "folder-open-inverse"
    menu_label = _("Espaces de travail")
    menu_order = 261
    add_to_admin_menu = True
    url_prefix = "membres/espaces"
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    copy_view_enabled = False


register_snippet(WorkspaceViewSet)
