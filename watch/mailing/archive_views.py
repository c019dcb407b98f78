"""The public archive of sent digests (non-personalised) and its Atom and RSS feeds."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from hub.models import SiteSettings
from watch.mailing.digests import DigestContent, plain_text, section_titles
from watch.mailing.models import Digest, DigestEntry, SubscriptionPage

PER_PAGE = 12


def sent_digests():
    return Digest.objects.filter(status=Digest.Status.SENT).order_by("-sent_at", "-pk")


@require_GET
def archive(request):
    """Every sent digest, newest first, paginated."""
    digests = sent_digests().annotate(entry_count=Count("entries"))
    paginator = Paginator(digests, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "watch/digests/archive.html",
        {
            "page_obj": page_obj,
            "digests": page_obj.object_list,
            "subscription_page": SubscriptionPage.first_public(),
        },
    )


@require_GET
def archive_detail(request, pk: int):
    """A sent digest as everyone could read it: every section, no personal link."""
    digest = get_object_or_404(Digest, pk=pk)
    if digest.status != Digest.Status.SENT:
        raise Http404
    content = DigestContent(digest)
    selection = content.public_selection()
    titles = section_titles()
    return render(
        request,
        "watch/digests/archive_detail.html",
        {
            "digest": digest,
            "sections": [(titles[key], entries) for key, entries in selection.sections],
            "intro_html": content.intro_html,
            "period": content.period,
            "subscription_page": SubscriptionPage.first_public(),
        },
    )


class DigestRssFeed(Feed):
    """The last 20 sent digests, each with its introduction and the list of its entries."""

    feed_type = Rss201rev2Feed
    description = _("Les lettres de veille envoyées : appels à projets, actualités, ressources.")

    def title(self):
        return _("La lettre de veille de %(name)s") % {
            "name": SiteSettings.for_default_site().organisation_name or settings.WAGTAIL_SITE_NAME
        }

    def link(self):
        return reverse("mailing:digest_archive")

    def items(self):
        return sent_digests().prefetch_related(
            Prefetch(
                "entries",
                queryset=DigestEntry.objects.select_related("item", "page").order_by("sort_order"),
            )
        )[:20]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.sent_at

    def item_updateddate(self, item):
        return item.sent_at

    def item_description(self, item):
        parts = []
        intro = plain_text(item.intro)
        if intro:
            parts.append(f"<p>{escape(intro)}</p>")
        titles = [
            escape(entry.item.display_title if entry.item_id else entry.page.title)
            for entry in item.entries.all()
            if entry.item_id or entry.page_id
        ]
        if titles:
            parts.append("<ul>" + "".join(f"<li>{title}</li>" for title in titles) + "</ul>")
        return "".join(parts)


class DigestAtomFeed(DigestRssFeed):
    feed_type = Atom1Feed
    subtitle = DigestRssFeed.description
