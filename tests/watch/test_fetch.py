"""All outbound HTTP of the watch, against a real local HTTP server: limits, errors, SSRF guard."""

import gzip
import time

import pytest
from werkzeug import Response

from watch.collection import fetch as fetching
from watch.collection.fetch import BlockedAddress, FetchError, Limits, fetch

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


def test_fetch_sends_user_agent_naming_the_site_and_accepts_compression(httpserver):
    httpserver.expect_request("/flux").respond_with_data(RSS, content_type="application/rss+xml")
    result = fetch(httpserver.url_for("/flux"))
    request, _response = httpserver.log[0]
    assert "Passerelles" in request.headers["User-Agent"]
    assert "gzip" in request.headers["Accept-Encoding"]
    assert result.status == 200 and result.body == RSS


def test_gzip_body_is_decompressed(httpserver):
    httpserver.expect_request("/flux").respond_with_data(
        gzip.compress(RSS), headers={"Content-Encoding": "gzip"}
    )
    assert fetch(httpserver.url_for("/flux")).body == RSS


def test_conditional_get_sends_validators_and_304_brings_no_body(httpserver):
    httpserver.expect_request(
        "/flux", headers={"If-None-Match": '"v1"', "If-Modified-Since": "Mon, 16 Nov 2026"}
    ).respond_with_data("", status=304)
    result = fetch(httpserver.url_for("/flux"), etag='"v1"', last_modified="Mon, 16 Nov 2026")
    assert result.not_modified and result.body == b""


def test_redirects_are_followed_up_to_five(httpserver):
    for hop in range(3):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    httpserver.expect_request("/r3").respond_with_data(RSS)
    result = fetch(httpserver.url_for("/r0"))
    assert result.body == RSS and result.url.endswith("/r3")


def test_redirect_loop_is_stopped_with_a_clear_message(httpserver):
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="boucle de redirections"):
        fetch(httpserver.url_for("/a"))


def test_more_than_five_redirects_are_refused(httpserver):
    for hop in range(7):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    with pytest.raises(FetchError, match="trop de redirections"):
        fetch(httpserver.url_for("/r0"))


@pytest.mark.parametrize(
    ("status", "words"),
    [(404, "le serveur a répondu 404"), (410, "410"), (500, "le serveur a répondu 500")],
)
def test_http_errors_are_told_in_words(httpserver, status, words):
    httpserver.expect_request("/flux").respond_with_data("non", status=status)
    with pytest.raises(FetchError, match=words) as caught:
        fetch(httpserver.url_for("/flux"))
    assert caught.value.status == status
    assert caught.value.gone == (status == 410)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_read_on_429_and_503(httpserver, status):
    httpserver.expect_request("/flux").respond_with_data(
        "", status=status, headers={"Retry-After": "3600"}
    )
    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/flux"))
    assert caught.value.retry_after == 3600


def _stream(chunk: bytes, count: int, pause: float = 0.0):
    def generate():
        for _index in range(count):
            if pause:
                time.sleep(pause)
            yield chunk

    return generate()


def test_fifty_megabyte_body_is_cut_at_the_cap(httpserver, settings):
    settings.WATCH_MAX_BYTES = 1024 * 1024
    httpserver.expect_request("/big").respond_with_handler(
        lambda request: Response(_stream(b"x" * 1024 * 1024, 50), mimetype="application/xml")
    )
    with pytest.raises(FetchError, match="taille maximale"):
        fetch(httpserver.url_for("/big"))


def test_declared_fifty_megabytes_is_refused_before_reading(httpserver, settings):
    settings.WATCH_MAX_BYTES = 1024 * 1024
    httpserver.expect_request("/big").respond_with_handler(
        lambda request: Response(
            _stream(b"x" * 1024 * 1024, 50),
            headers={"Content-Length": str(50 * 1024 * 1024)},
            mimetype="application/xml",
        )
    )
    with pytest.raises(FetchError, match="taille maximale"):
        fetch(httpserver.url_for("/big"))


def test_gzip_bomb_is_cut_at_the_cap_after_decompression(httpserver, settings):
    settings.WATCH_MAX_BYTES = 1024 * 1024
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100 * 1024
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="application/xml"
    )
    with pytest.raises(FetchError, match="taille maximale"):
        fetch(httpserver.url_for("/bomb"))


def test_trickling_server_is_stopped_by_the_overall_deadline(httpserver, settings):
    settings.WATCH_FETCH_DEADLINE = 1.2
    settings.WATCH_READ_TIMEOUT = 5
    httpserver.expect_request("/slow").respond_with_handler(
        lambda request: Response(_stream(b"x", 20, pause=0.5), mimetype="application/xml")
    )
    started = time.monotonic()
    with pytest.raises(FetchError, match="trop lent"):
        fetch(httpserver.url_for("/slow"))
    # One byte every half second for 10 s: the deadline, not the server, ended it.
    assert time.monotonic() - started < 5


# --- SSRF guard (the resolver is stubbed: no packet is ever sent to these addresses) ---------


@pytest.fixture
def no_network(monkeypatch, settings):
    """Nothing allowed beyond public addresses, and any connection attempt fails the test."""
    settings.WATCH_ALLOWED_NETWORKS = []

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(fetching.socket, "create_connection", refuse)
    monkeypatch.setattr(fetching.urllib3.util.connection, "create_connection", refuse)


@pytest.mark.parametrize(
    "address",
    [
        "169.254.169.254",
        "10.0.0.5",
        "::ffff:127.0.0.1",
        "100.64.0.1",
        "127.0.0.1",
        "192.168.1.10",
        "::1",
        "fe80::1",
        "0.0.0.0",  # noqa: S104
    ],  # fmt: skip
)
def test_private_and_reserved_addresses_are_refused(monkeypatch, no_network, address):
    monkeypatch.setattr(fetching, "resolve", lambda host, port: [address])
    with pytest.raises(BlockedAddress, match="adresse refusée") as caught:
        fetch("http://innocent.example.org/flux.xml")
    assert address in caught.value.message


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/flux", "gopher://example.org/"]
)
def test_non_http_schemes_are_refused(no_network, url):
    with pytest.raises(BlockedAddress, match="seules les adresses http et https"):
        fetch(url)


def test_public_address_passes_the_guard(monkeypatch, settings):
    settings.WATCH_ALLOWED_NETWORKS = []
    monkeypatch.setattr(fetching, "resolve", lambda host, port: ["93.184.215.14"])
    assert fetching.check_url("https://example.org/flux")[3] == "93.184.215.14"


def test_redirect_to_metadata_address_is_refused_at_the_hop(httpserver, monkeypatch):
    # The test server (allowed loopback) stands for a public site; the redirect target resolves
    # to the metadata address.
    monkeypatch.setattr(
        fetching,
        "resolve",
        lambda host, port: ["169.254.169.254"] if host == "metadata.test" else ["127.0.0.1"],
    )
    httpserver.expect_request("/flux").respond_with_data(
        "", status=302, headers={"Location": "http://metadata.test/latest/meta-data/"}
    )
    with pytest.raises(BlockedAddress, match="169.254.169.254"):
        fetch(httpserver.url_for("/flux"))


def test_connection_is_pinned_to_the_checked_address(httpserver, monkeypatch):
    calls = []

    def resolver(host, port):
        calls.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetching, "resolve", resolver)
    httpserver.expect_request("/flux").respond_with_data(RSS)
    result = fetch(f"http://rebinding.test:{httpserver.port}/flux")
    request, _response = httpserver.log[0]
    assert result.body == RSS
    assert request.headers["Host"] == f"rebinding.test:{httpserver.port}"
    assert calls == ["rebinding.test"]  # resolved once, then connected to that address


def test_limits_come_from_settings(settings):
    settings.WATCH_MAX_BYTES = 123
    assert Limits.from_settings().max_bytes == 123
