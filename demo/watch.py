"""Demo content of the watch: sources and items read from files bundled with the project.

No network: each demo source's bytes come from `demo/data/` and go through the real
pipeline (parse → dedupe → store). Demo sources stay inactive because their addresses are
fictitious; an editor can point one at a real feed and activate it. Safe to run again.
"""

from pathlib import Path

from django.utils import timezone

from demo.utils import home_page, upsert_page
from watch.collection.collect import selectors_from, store
from watch.collection.models import CallsIndexPage, Item, NewsIndexPage, Source
from watch.collection.parse import ParseResult, parse
from watch.collection.themes import theme_patterns

DATA = Path(__file__).resolve().parent / "data"
# How the two sample pages mark up their calls (the watch tests read the same samples).
REGION_SELECTORS = {
    "item_selector": "li.appel",
    "link_selector": ".appel__titre a",
    "title_selector": ".appel__titre",
    "summary_selector": ".appel__resume",
    "date_selector": ".appel__date-publication",
    "deadline_selector": ".appel__cloture",
}
FONDATION_SELECTORS = {
    "item_selector": "table.calls tbody tr",
    "link_selector": "td:nth-of-type(1) a",
    "summary_selector": "td:nth-of-type(1) small",
    "deadline_selector": "td:nth-of-type(3)",
}

SOURCES = [
    {
        "file": "feeds/actualites-culture.rss",
        "name": "Réseau Spectacle Vivant — Actualités",
        "url": "https://reseau-spectacle.example.org/actualites/feed.rss",
        "kind": Source.Kind.FEED,
        "publishes": Source.Publishes.MIXED,
    },
    {
        "file": "feeds/appels-a-projets.atom",
        "name": "Observatoire des financements culturels",
        "url": "https://financements-culture.example.fr/appels.atom",
        "kind": Source.Kind.FEED,
        "publishes": Source.Publishes.CALLS,
    },
    {
        "file": "feeds/residences-latin1.rss",
        "name": "Agenda des résidences",
        "url": "https://residences.example.net/feed.rss",
        "kind": Source.Kind.FEED,
        "publishes": Source.Publishes.MIXED,
    },
    {
        "file": "feeds/flux-casse.xml",
        "name": "Pôle numérique — lettre d’information",
        "url": "https://pole-numerique.example.org/feed.xml",
        "kind": Source.Kind.FEED,
        "publishes": Source.Publishes.NEWS,
    },
    {
        "file": "pages/region-appels.html",
        "name": "Conseil régional — appels à projets culture",
        "url": "https://region.example.fr/culture/appels-a-projets",
        "kind": Source.Kind.PAGE,
        "publishes": Source.Publishes.CALLS,
        "selectors": REGION_SELECTORS,
    },
    {
        "file": "pages/fondation-appels.html",
        "name": "Fondation pour la création — appels en cours",
        "url": "https://fondation.example.org/nos-appels/",
        "kind": Source.Kind.PAGE,
        "publishes": Source.Publishes.CALLS,
        "selectors": FONDATION_SELECTORS,
    },
]
# Left in the queue so the admin shows something to curate.
LEFT_FOR_REVIEW = {"Hackathon Visual Music #4", "Création partagée avec les habitants"}


def load_sources(stdout) -> None:
    patterns = theme_patterns()
    now = timezone.now()
    for spec in SOURCES:
        selectors = spec.get("selectors", {})
        source, _created = Source.objects.update_or_create(
            name=spec["name"],
            defaults={
                "url": spec["url"],
                "kind": spec["kind"],
                "publishes": spec["publishes"],
                "active": False,
                **selectors,
            },
        )
        body = (DATA / spec["file"]).read_bytes()
        result = parse(
            spec["kind"],
            body,
            {},
            spec["url"],
            selectors=selectors_from(selectors),
            publishes=spec["publishes"],
            theme_patterns=patterns,
        )
        store_as_fetched(source, result, now, stdout)
    for item in Item.objects.filter(status=Item.Status.NEW).exclude(title__in=LEFT_FOR_REVIEW):
        item.accept(now=now)
        item.save(update_fields=["status", "accepted_at"])
    Item.objects.filter(title__startswith="Appel à projets « Culture et transition").update(
        featured=True
    )


def load_pages(stdout) -> None:
    home = home_page()
    upsert_page(
        home,
        CallsIndexPage,
        "appels-a-projets",
        title="Appels à projets",
        show_in_menus=True,
        intro=(
            "<p>Les appels à projets, appels à candidatures et dispositifs de soutien repérés par"
            " la rédaction, du plus urgent au plus lointain.</p>"
        ),
        search_description="Appels à projets et à candidatures pour les acteurs culturels et créatifs.",
    )
    upsert_page(
        home,
        NewsIndexPage,
        "veille",
        title="Veille",
        show_in_menus=True,
        intro="<p>Les actualités des réseaux, des collectivités et des financeurs, choisies pour vous.</p>",
        search_description="La veille de Passerelles : actualités des industries culturelles et créatives.",
    )
    stdout.write("  watch : pages « Appels à projets » et « Veille » publiées")


def store_as_fetched(source: Source, result: ParseResult, now, stdout) -> None:
    """Store what a demo source's file gave and record the source's health as after a fetch."""
    new, updated = store(source, result.records, now=now)
    Source.objects.filter(pk=source.pk).update(
        last_fetch_at=now,
        last_success_at=now,
        last_status=200,
        last_found=len(result.records),
        last_new=new,
        last_updated=updated,
        last_warning=result.warning,
    )
    stdout.write(f"  watch : {source.name} — {len(result.records)} éléments lus, {new} nouveaux")


def load(stdout) -> None:
    load_sources(stdout)
    load_pages(stdout)
