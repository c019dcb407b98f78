"""Hostile sources, served from 127.0.0.1 only: script links, trickling servers, huge feeds,
addresses that hide an internal one."""

from __future__ import annotations

import random
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.watch.factories import ItemFactory, SourceFactory
from watch.collection import fetch as fetching
from watch.collection.collect import collect_source, run_round
from watch.collection.fetch import BlockedAddress, FetchError, fetch
from watch.collection.models import CallsIndexPage, Item, NewsIndexPage, Source
from watch.collection.parse import Selectors, parse
from watch.collection.sanitize import usable_link

HOSTILE_LINKS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(2)",
    " java\tscript:alert(3)",
    "\x00javascript:alert(4)",
    "java\nscript:alert(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    "  DaTa:text/html,<script>alert(7)</script>",
    "vbscript:msgbox(8)",
    "\x1fjavascript:alert(9)",
    "mailto:redaction@example.org",
    "ftp://depot.example.org/appel.pdf",
]
# HTML reads a NUL as U+FFFD, as browsers do: that link turns into a harmless relative one.
PAGE_HOSTILE_LINKS = [href for href in HOSTILE_LINKS if "\x00" not in href]


def _flat(text: str) -> str:
    """What a browser would read as a scheme: no whitespace or control characters, lower case."""
    return "".join(char for char in text if char.isprintable() and not char.isspace()).lower()


def _assert_no_script_link(text: str) -> None:
    flat = _flat(text)
    for scheme in ("javascript:", "vbscript:", "data:text"):
        assert scheme not in flat


# --- 1. Links: only http(s) reaches the items -------------------------------------------------


@pytest.mark.parametrize("href", HOSTILE_LINKS)
def test_links_other_than_http_are_unusable(href):
    assert usable_link(href, "https://reseau.example.org/flux") == ""


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://reseau.example.org/appel", "https://reseau.example.org/appel"),
        (" HTTPS://reseau.example.org/appel\n", "https://reseau.example.org/appel"),
        ("/appels/1", "https://reseau.example.org/appels/1"),
        ("//cdn.example.org/a.pdf", "https://cdn.example.org/a.pdf"),
        ("http://reseau.example.org/a\tb", "http://reseau.example.org/ab"),
    ],
)
def test_http_links_are_kept_and_made_absolute(href, expected):
    assert usable_link(href, "https://reseau.example.org/flux") == expected


def _xml_text(value: str) -> str:
    # Characters XML cannot carry (NUL, other C0 controls) are left out of a feed's text.
    value = "".join(char for char in value if char in "\t\n" or ord(char) >= 0x20)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    # As character references, so that attribute normalisation keeps them.
    return value.replace("\t", "&#9;").replace("\n", "&#10;")


def hostile_feed() -> bytes:
    items = [
        f"<item><title>Piège {index}</title><link>{_xml_text(href)}</link>"
        f"<description>Date limite : 15 janvier 2030.</description></item>"
        for index, href in enumerate(HOSTILE_LINKS)
    ]
    items.append(
        "<item><title>Appel honnête</title><link>https://reseau.example.org/appel</link>"
        "<description>Date limite : 15 janvier 2030.</description></item>"
        "<item><title>Nouvelle honnête</title><link>/nouvelle</link></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Piégé</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def hostile_atom() -> bytes:
    entries = "".join(
        f"<entry><title>Piège {index}</title><id>urn:piege:{index}</id>"
        f'<link rel="alternate" href="{_xml_text(href)}"/></entry>'
        for index, href in enumerate(HOSTILE_LINKS)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Piégé</title>{entries}"
        '<entry><title>Honnête</title><id>urn:ok</id><link href="https://ok.example.org/a"/>'
        "</entry></feed>"
    ).encode()


def hostile_page() -> bytes:
    rows = "".join(
        f'<li class="appel"><a href="{href.replace(chr(34), "&quot;")}">Piège {index}</a></li>'
        for index, href in enumerate(PAGE_HOSTILE_LINKS)
    )
    return (
        "<!doctype html><html><body><ul>"
        + rows
        + '<li class="appel"><a href=" java&#x09;script:alert(10)">Piège entité</a></li>'
        '<li class="appel"><a href="/appels/honnete">Appel honnête</a>'
        "<p>Date limite : 15 janvier 2030</p></li></ul></body></html>"
    ).encode()


def test_feed_items_with_script_links_are_skipped_and_counted(httpserver):
    httpserver.expect_request("/flux.rss").respond_with_data(
        hostile_feed(), content_type="application/rss+xml"
    )
    url = httpserver.url_for("/flux.rss")
    fetched = fetch(url)
    result = parse("feed", fetched.body, fetched.headers, fetched.url)
    assert sorted(record.url for record in result.records) == [
        httpserver.url_for("/nouvelle"),
        "https://reseau.example.org/appel",
    ]
    assert f"{len(HOSTILE_LINKS)} éléments sans lien utilisable ignorés" in result.warning


def test_atom_entries_with_script_links_are_skipped(httpserver):
    httpserver.expect_request("/flux.atom").respond_with_data(
        hostile_atom(), content_type="application/atom+xml"
    )
    fetched = fetch(httpserver.url_for("/flux.atom"))
    result = parse("feed", fetched.body, fetched.headers, fetched.url)
    assert [record.url for record in result.records] == ["https://ok.example.org/a"]
    assert "sans lien utilisable ignorés" in result.warning


def test_recovered_broken_feed_drops_script_links_too():
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lettre\n'
        "<item><title>Piège & co</title><link>JavaScript:alert(1)</link><description>a <br>\n"
        "</item><item><title>Honnête</title><link>https://ok.example.org/b</link></item>"
        "</channel></rss>"
    ).encode()
    result = parse("feed", body, {}, "https://ok.example.org/flux")
    assert [record.url for record in result.records] == ["https://ok.example.org/b"]
    assert "éléments récupérés ; 1 éléments sans lien utilisable ignorés" in result.warning


def test_page_items_with_script_links_are_skipped_and_counted(httpserver):
    httpserver.expect_request("/appels").respond_with_data(
        hostile_page(), content_type="text/html; charset=utf-8"
    )
    fetched = fetch(httpserver.url_for("/appels"))
    result = parse(
        "page",
        fetched.body,
        fetched.headers,
        fetched.url,
        selectors=Selectors(item="li.appel", link="a"),
    )
    assert [record.url for record in result.records] == [httpserver.url_for("/appels/honnete")]
    assert f"{len(PAGE_HOSTILE_LINKS) + 1} éléments sans lien utilisable ignorés" in result.warning


@pytest.fixture
def public_pages(home):
    calls = CallsIndexPage(title="Appels à projets", slug="appels-a-projets")
    home.add_child(instance=calls)
    news = NewsIndexPage(title="Veille", slug="veille")
    home.add_child(instance=news)
    return calls, news


@pytest.mark.django_db
def test_script_links_never_reach_the_public_pages_and_feeds(httpserver, client, public_pages):
    httpserver.expect_request("/flux.rss").respond_with_data(
        hostile_feed(), content_type="application/rss+xml"
    )
    httpserver.expect_request("/appels").respond_with_data(
        hostile_page(), content_type="text/html; charset=utf-8"
    )
    feed = SourceFactory(url=httpserver.url_for("/flux.rss"), kind=Source.Kind.FEED)
    page = SourceFactory(
        url=httpserver.url_for("/appels"),
        kind=Source.Kind.PAGE,
        item_selector="li.appel",
        link_selector="a",
    )
    assert collect_source(feed).ok and collect_source(page).ok
    feed.refresh_from_db()
    assert f"{len(HOSTILE_LINKS)} éléments sans lien utilisable ignorés" in feed.last_warning
    Item.objects.update(status=Item.Status.ACCEPTED, accepted_at=timezone.now())
    assert Item.objects.filter(kind=Item.Kind.CALL).exists()
    assert Item.objects.filter(kind=Item.Kind.NEWS).exists()
    for item in Item.objects.all():
        assert item.url.startswith(("http://", "https://")), item.url
    calls, news = public_pages
    for url in (calls.url, news.url, reverse("watch:feed_rss"), reverse("watch:feed_atom")):
        response = client.get(url)
        assert response.status_code == 200 and "honnête" in response.content.decode()
        _assert_no_script_link(response.content.decode())
    calendar = client.get(reverse("watch:calls_ics"))
    assert calendar.status_code == 200
    _assert_no_script_link(calendar.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("href", ["javascript:alert(1)", " JAVA\tSCRIPT:alert(1)", "data:,x"])
def test_an_item_never_saves_with_a_script_link(href):
    item = ItemFactory.build(source=SourceFactory(), url=href)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "http" in str(caught.value) and "adresse" in str(caught.value)
    with pytest.raises(ValidationError):
        item.save()
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_editor_edit_of_an_item_with_a_script_link_is_refused_in_french(client, home):
    client.force_login(get_user_model().objects.create_superuser("redac", "r@example.org", "x"))
    item = ItemFactory(title="Lien piégé")
    # A link stored before links were checked (an old fetch or a data import).
    Item.objects.filter(pk=item.pk).update(url="JAVASCRIPT:alert(document.cookie)")
    url = reverse("wagtailsnippets_watch_item:edit", args=[item.pk])
    response = client.post(
        url,
        {"status": "accepted", "kind": "news", "editor_title": "Relu", "editor_note": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "n’est pas une adresse web http(s)" in html
    item.refresh_from_db()
    assert item.status == Item.Status.NEW and item.editor_title == ""


# --- 2. One deadline for the whole exchange ---------------------------------------------------


class TrickleServer:
    """A raw HTTP server on 127.0.0.1 that sends its answer one piece at a time."""

    def __init__(self, pieces: list[bytes], pause: float):
        self.pieces = pieces
        self.pause = pause
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/flux.xml"

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                data = connection.recv(4096)
                if not data:
                    return
                request += data
            for piece in self.pieces:
                if self.stop.wait(self.pause):
                    return
                try:
                    connection.sendall(piece)
                except OSError:
                    return

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(2)


STATUS_LINE = b"HTTP/1.1 200 OK\r\n"
TRICKLES = {
    # One byte of the status line at a time.
    "status line": [bytes([byte]) for byte in STATUS_LINE],
    # The status line at once, then one header at a time, for ever.
    "headers": [STATUS_LINE] + [f"X-Lent-{n}: oui\r\n".encode() for n in range(40)],
}


@pytest.fixture
def trickle(settings):
    settings.WATCH_FETCH_DEADLINE = 2
    settings.WATCH_READ_TIMEOUT = 5
    servers: list[TrickleServer] = []

    def start(kind: str) -> TrickleServer:
        server = TrickleServer(TRICKLES[kind], pause=0.4)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.mark.parametrize("kind", sorted(TRICKLES))
def test_trickling_status_line_or_headers_end_at_the_deadline(trickle, kind):
    server = trickle(kind)
    started = time.monotonic()
    with pytest.raises(FetchError, match="le serveur est trop lent") as caught:
        fetch(server.url)
    assert time.monotonic() - started < 2 + 1
    assert "2 secondes" in caught.value.message


@pytest.mark.django_db
def test_a_round_goes_on_past_a_trickling_source(trickle, httpserver):
    httpserver.expect_request("/sain.rss").respond_with_data(
        hostile_feed(), content_type="application/rss+xml"
    )
    slow = SourceFactory(name="Lente", url=trickle("headers").url)
    healthy = SourceFactory(name="Saine", url=httpserver.url_for("/sain.rss"))
    started = time.monotonic()
    outcomes = {outcome.name: outcome for outcome in run_round([slow, healthy], processes=1)}
    assert time.monotonic() - started < 2 + 1.5
    assert not outcomes["Lente"].ok and "trop lent" in outcomes["Lente"].error
    assert outcomes["Saine"].ok and healthy.items.count() == 2


# --- 3. A cap on items per source, newest first -----------------------------------------------


def big_feed(count: int, *, seed: int = 7) -> tuple[bytes, list[int]]:
    """An RSS feed of `count` items published one hour apart, in shuffled order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Actualité {n}</title><link>https://gros.example.org/{n}</link>"
        f"<guid>gros-{n}</guid><description>Texte de l’actualité {n}.</description>"
        f"<pubDate>{format_datetime(start + timedelta(hours=n))}</pubDate></item>"
        for n in order
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gros</title>{items}'
    return (body + "</channel></rss>").encode(), order


def _spaces(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.mark.django_db
def test_huge_feed_is_cut_to_the_newest_items_and_the_cut_is_told(httpserver, settings):
    settings.WATCH_MAX_ITEMS_PER_SOURCE = 50
    body, _order = big_feed(5000)
    httpserver.expect_request("/gros.rss").respond_with_data(
        body, content_type="application/rss+xml"
    )
    source = SourceFactory(url=httpserver.url_for("/gros.rss"))
    outcome = collect_source(source)
    assert outcome.ok and outcome.found == 50
    kept = sorted(int(url.rsplit("/", 1)[1]) for url in Item.objects.values_list("url", flat=True))
    assert kept == list(range(4950, 5000))
    source.refresh_from_db()
    assert "flux tronqué : 50 éléments gardés sur 5 000" in _spaces(source.last_warning)
    assert "flux tronqué" in _spaces(outcome.summary())


def test_undated_page_is_cut_in_document_order(settings):
    settings.WATCH_MAX_ITEMS_PER_SOURCE = 50
    rows = "".join(f'<li><a href="/a/{n}">Appel {n}</a></li>' for n in range(120))
    body = f"<html><body><ul>{rows}</ul></body></html>".encode()
    result = parse("page", body, {}, "https://region.example.fr/", selectors=Selectors(item="li"))
    assert [record.title for record in result.records] == [f"Appel {n}" for n in range(50)]
    assert "page tronquée : 50 éléments gardés sur 120" in _spaces(result.warning)


def test_feed_under_the_cap_is_not_cut(settings):
    settings.WATCH_MAX_ITEMS_PER_SOURCE = 50
    body, _order = big_feed(50)
    result = parse("feed", body, {}, "https://gros.example.org/flux")
    assert len(result.records) == 50 and result.warning == ""


# --- 4. Addresses that wrap an internal IPv4 address ------------------------------------------

WRAPPED_INTERNAL = [
    "::127.0.0.1",  # IPv4-compatible (::/96)
    "::169.254.169.254",
    "::10.0.0.1",
    "64:ff9b::127.0.0.1",  # NAT64 well-known prefix
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::192.168.1.1",
    "64:ff9b:1::a9fe:a9fe",  # NAT64 local-use prefix: never a public address
    "64:ff9b:1:808:800:800::",
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::",
    "2002:a00:1::",
    "::ffff:169.254.169.254",
    "::",
    "::1",
]
PUBLIC = [
    "93.184.215.14",
    "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
    "64:ff9b::8.8.8.8",
    "2002:808:808::1",
    "::8.8.8.8",
]


@pytest.fixture
def no_allow_list(settings):
    settings.WATCH_ALLOWED_NETWORKS = []


@pytest.mark.parametrize("address", WRAPPED_INTERNAL)
def test_addresses_wrapping_an_internal_one_are_refused(monkeypatch, no_allow_list, address):
    monkeypatch.setattr(fetching, "resolve", lambda host, port: [address])
    with pytest.raises(BlockedAddress, match="adresse refusée") as caught:
        fetching.check_url("http://innocent.example.org/flux.xml")
    assert address in caught.value.message


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_and_wrappers_of_public_ones_pass(monkeypatch, no_allow_list, address):
    monkeypatch.setattr(fetching, "resolve", lambda host, port: [address])
    assert fetching.check_url("http://innocent.example.org/flux.xml")[3] == address


# --- 5. An allow-list, not an off switch ------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/admin",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[::169.254.169.254]/latest/meta-data/",
    ],
)
def test_redirect_from_an_allowed_local_server_to_an_internal_address_is_refused(
    httpserver, target
):
    httpserver.expect_request("/flux").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    started = time.monotonic()
    with pytest.raises(BlockedAddress, match="adresse refusée"):
        fetch(httpserver.url_for("/flux"))
    # Refused at the check, before a connection: no connect timeout was waited for.
    assert time.monotonic() - started < 1


def test_refused_redirect_never_opens_a_connection(httpserver, settings):
    settings.WATCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    listener = socket.create_server(("127.0.0.2", 0))
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    httpserver.expect_request("/flux").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.2:{port}/interne"}
    )
    try:
        with pytest.raises(BlockedAddress, match="127.0.0.2"):
            fetch(httpserver.url_for("/flux"))
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody knocked
    finally:
        listener.close()


def test_addresses_outside_the_allow_list_stay_refused(monkeypatch, settings):
    settings.WATCH_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
    monkeypatch.setattr(fetching, "resolve", lambda host, port: ["192.168.1.10"])
    with pytest.raises(BlockedAddress, match="192.168.1.10"):
        fetching.check_url("http://imprimante.test/")


def test_invalid_allow_list_entry_is_told_clearly(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.WATCH_ALLOWED_NETWORKS = ["127.0.0.0/8", "pas-un-réseau"]
    with pytest.raises(ImproperlyConfigured, match="WATCH_ALLOWED_NETWORKS"):
        fetching.check_url("http://127.0.0.1/")


def test_an_invalid_allow_list_stops_the_site_and_the_workers_at_startup(tmp_path):
    """`manage.py check` (run by `runserver`, `qcluster` and deployments) names the bad entry,
    instead of a round failing on it hours later."""
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "PASSERELLES_VAR_DIR": str(tmp_path),
    }
    bad = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**environment, "WATCH_ALLOWED_NETWORKS": "127.0.0.0/8,pas-un-réseau"},
        capture_output=True,
        text=True,
    )
    good = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**environment, "WATCH_ALLOWED_NETWORKS": "127.0.0.0/8,::1/128"},
        capture_output=True,
        text=True,
    )

    assert bad.returncode != 0 and "watch.E001" in bad.stderr and "pas-un-réseau" in bad.stderr
    assert good.returncode == 0, good.stderr
