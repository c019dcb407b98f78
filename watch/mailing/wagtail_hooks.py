"""Wagtail hooks of the mailing: admin menu, dashboard panel, the subscription page's form."""

from wagtail import hooks

from watch.mailing import views
from watch.mailing.admin_views import MailingDashboardPanel, MailingGroup, may_change_digests
from watch.mailing.models import SubscriptionPage


@hooks.register("register_admin_viewset")
def register_mailing_viewsets():
    return MailingGroup()


@hooks.register("construct_homepage_panels")
def add_mailing_panel(request, panels):
    if may_change_digests(request.user):
        panels.append(MailingDashboardPanel())


@hooks.register("before_serve_page")
def answer_subscription_form(page, request, serve_args, serve_kwargs):
    """The subscription page shows its form as any page; what is posted to it goes to the view."""
    if isinstance(page, SubscriptionPage) and request.method == "POST":
        return views.subscription_page(request, page)
    return None
