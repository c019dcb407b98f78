"""All outbound HTTP of the watch: one guarded fetch of one URL.

Every request goes through `fetch()`: only http(s), the host resolved here and checked to be a
public address or one of `WATCH_ALLOWED_NETWORKS` (every redirect hop too), and the connection
pinned to that checked address so a second DNS answer (rebinding) cannot point it elsewhere.
Timeouts per socket operation, an overall deadline over the whole exchange (a watchdog shuts
the socket when it passes), a size cap applied after decompression, at most five redirects,
conditional GET. Errors are `FetchError`s whose message an editor understands.
"""

from __future__ import annotations

import email.utils
import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from urllib3.connection import HTTPConnection, HTTPSConnection

CHUNK = 64 * 1024
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A fetch that failed, with a message in words an editor understands."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        gone: bool = False,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after
        # 410 Gone: the source has been removed upstream; pause it instead of retrying.
        self.gone = gone


class BlockedAddress(FetchError):
    """The URL points at a non-public address (SSRF guard)."""


@dataclass
class Limits:
    """Limits of one fetch, from the WATCH_* settings (tests make them small)."""

    max_bytes: int
    connect_timeout: float
    read_timeout: float
    deadline: float
    max_redirects: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.WATCH_MAX_BYTES,
            connect_timeout=settings.WATCH_CONNECT_TIMEOUT,
            read_timeout=settings.WATCH_READ_TIMEOUT,
            deadline=settings.WATCH_FETCH_DEADLINE,
            max_redirects=settings.WATCH_MAX_REDIRECTS,
        )


@dataclass
class FetchResult:
    """What a fetch brought back: the body (decompressed) and the headers that matter."""

    url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def user_agent() -> str:
    site = settings.SITE_URL
    return f"PasserellesVeille/1.0 (+{site}; veille des appels à projets)"


# The resolver is a module attribute so tests can stub it (and never send packets to the
# addresses they test).
def resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


# Prefixes that carry an IPv4 address in their last 32 bits: the IPv4 one is judged.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# NAT64 for local use (RFC 8215): where the IPv4 address sits is up to each network; never public.
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _unwrapped(ip: ipaddress.IPv4Address | ipaddress.IPv6Address):
    """The IPv4 address an IPv6 one wraps (mapped, compatible, NAT64, 6to4), or the address."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _IPV4_COMPATIBLE or ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if ip in _NAT64_LOCAL:
        return False
    ip = _unwrapped(ip)
    return ip.is_global and not ip.is_multicast


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"WATCH_ALLOWED_NETWORKS: {entry!r} is not a network (e.g. 127.0.0.0/8)"
            ) from error
    return tuple(networks)


def allowed_networks() -> tuple:
    """Networks let through although not public (`WATCH_ALLOWED_NETWORKS`, e.g. a test server)."""
    return _networks(tuple(settings.WATCH_ALLOWED_NETWORKS))


def is_allowed(address: str) -> bool:
    """A public address, or one inside an allowed network (judged after unwrapping)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if _is_public(ip):
        return True
    candidates = {ip, _unwrapped(ip)}
    return any(
        candidate in network
        for network in allowed_networks()
        for candidate in candidates
        if candidate.version == network.version
    )


def check_url(url: str) -> tuple[str, str, int, str]:
    """Check one URL; return (scheme, host, port, pinned address) or raise BlockedAddress."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BlockedAddress(_("adresse invalide : %(url)s") % {"url": url}) from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddress(
            _("seules les adresses http et https sont permises (pas « %(scheme)s: »)")
            % {"scheme": scheme or "?"}
        )
    host = parts.hostname
    if not host:
        raise BlockedAddress(_("adresse sans nom de serveur : %(url)s") % {"url": url})
    port = port or (443 if scheme == "https" else 80)
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            _("le nom de serveur « %(host)s » est introuvable") % {"host": host}
        ) from error
    if not addresses:
        raise FetchError(_("le nom de serveur « %(host)s » est introuvable") % {"host": host})
    for address in addresses:
        if not is_allowed(address):
            raise BlockedAddress(
                _(
                    "adresse refusée : « %(host)s » mène à %(address)s, une adresse privée,"
                    " locale ou réservée (protection contre les requêtes internes)"
                )
                % {"host": host, "address": address}
            )
    return scheme, host, port, addresses[0]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _status_error(status: int, headers) -> FetchError:
    retry_after = _retry_after(headers.get("retry-after"))
    messages = {
        404: _("le serveur a répondu 404 (page introuvable)"),
        410: _("le serveur a répondu 410 : la source a été supprimée ; elle est mise en pause"),
        401: _("le serveur a répondu 401 : la page demande une identification"),
        403: _("le serveur a répondu 403 : l’accès est refusé"),
        429: _("le serveur a répondu 429 : trop de requêtes, nouvel essai plus tard"),
        503: _("le serveur a répondu 503 : service indisponible, nouvel essai plus tard"),
    }
    message = messages.get(status) or _("le serveur a répondu %(status)s") % {"status": status}
    return FetchError(message, status=status, retry_after=retry_after, gone=status == 410)


class _Decoder:
    """gzip / deflate decompression that never produces more than the cap (gzip bombs)."""

    def __init__(self, encoding: str):
        encoding = (encoding or "identity").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._obj = None  # zlib-wrapped or raw: decided on the first bytes
            self._deflate = True
        elif encoding in ("identity", ""):
            self._obj = None
            self._deflate = False
        else:
            raise FetchError(
                _("le serveur a envoyé un encodage non pris en charge (%(enc)s)")
                % {"enc": encoding}
            )
        if encoding in ("gzip", "x-gzip"):
            self._deflate = False

    def decode(self, data: bytes, room: int) -> bytes:
        """Decompress `data`, returning at most `room + 1` bytes (enough to see the cap crossed)."""
        if self._obj is None and self._deflate:
            wbits = zlib.MAX_WBITS if data[:1] and (data[0] & 0x0F) == 8 else -zlib.MAX_WBITS
            self._obj = zlib.decompressobj(wbits)
        if self._obj is None:
            return data
        try:
            out = self._obj.decompress(data, room + 1)
        except zlib.error as error:
            raise FetchError(_("le contenu compressé reçu est illisible")) from error
        return out

    def drain(self, room: int) -> bytes:
        tail = getattr(self._obj, "unconsumed_tail", b"")
        if not tail:
            return b""
        return self._obj.decompress(tail, room + 1)


def _too_big(limits: Limits) -> FetchError:
    return FetchError(
        _("la réponse dépasse la taille maximale permise (%(mb)s Mo) ; collecte interrompue")
        % {"mb": round(limits.max_bytes / 1024 / 1024, 1)}
    )


def _timed_out(limits: Limits) -> FetchError:
    return FetchError(
        _("le serveur est trop lent : pas de réponse complète en %(s)s secondes")
        % {"s": int(limits.deadline) if limits.deadline >= 1 else limits.deadline}
    )


class _Watchdog:
    """Shuts the connection down when the overall deadline passes, whatever read is blocked.

    A per-read timeout alone lets a server hold a fetch for ever by sending its status line or
    headers one byte at a time; closing the socket from a timer thread ends any blocked read.
    """

    def __init__(self, seconds: float):
        self.fired = False
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._timer = threading.Timer(max(seconds, 0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket | None) -> None:
        """Watch this connection's socket (None: the connection is being closed)."""
        with self._lock:
            self._forget()
            if sock is not None:
                # A duplicate of the descriptor: still valid once TLS has wrapped (detached) the
                # original, and never reused for another connection while we hold it.
                self._socket = sock.dup()
                if self.fired:
                    self._shut()

    def stop(self) -> None:
        self._timer.cancel()
        self.watch(None)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            try:
                self._socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the other side

    def _forget(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


class _WatchedConnection:
    """A urllib3 connection whose socket the watchdog sees as soon as it is connected."""

    def __init__(self, *args, watchdog: _Watchdog, **kwargs):
        self.watchdog = watchdog
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self.watchdog.watch(sock)
        return sock


class _WatchedHTTPConnection(_WatchedConnection, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnection, HTTPSConnection):
    pass


def _read_body(response, limits: Limits, started: float) -> bytes:
    decoder = _Decoder(response.headers.get("content-encoding", ""))
    length = response.headers.get("content-length", "")
    if not decoder._obj and not decoder._deflate and length.isdigit():
        if int(length) > limits.max_bytes:
            raise _too_big(limits)
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() - started > limits.deadline:
            raise _timed_out(limits)
        # read1 returns as soon as some bytes arrived, so a trickling server meets the deadline.
        data = response.read1(CHUNK, decode_content=False)
        if not data:
            break
        out = decoder.decode(data, limits.max_bytes - total)
        while True:
            total += len(out)
            if total > limits.max_bytes:
                raise _too_big(limits)
            chunks.append(out)
            # A highly compressed chunk may hold more than one read's worth: drain it, capped.
            out = decoder.drain(limits.max_bytes - total)
            if not out:
                break
    return b"".join(chunks)


def _request_headers(scheme: str, host: str, port: int, etag: str, last_modified: str) -> dict:
    default_port = 443 if scheme == "https" else 80
    headers = {
        "Host": host if port == default_port else f"{host}:{port}",
        "User-Agent": user_agent(),
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
        " text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "fr-FR, fr;q=0.9",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


class _Exchange:
    """One fetch across its redirect hops: its limits, its clock, its watchdog, its validators."""

    def __init__(
        self,
        limits: Limits,
        etag: str,
        last_modified: str,
        *,
        method: str = "GET",
        body: bytes | None = None,
        extra_headers: dict[str, str] | None = None,
        origin: str = "",
    ):
        self.limits = limits
        self.etag = etag
        self.last_modified = last_modified
        self.method = method
        self.body = body
        self.extra_headers = extra_headers or {}
        self.origin = origin
        self.started = time.monotonic()
        self.watchdog = _Watchdog(limits.deadline)

    def remaining(self) -> float:
        return max(self.limits.deadline - (time.monotonic() - self.started), 0.05)

    def follow(self, url: str) -> FetchResult:
        """Send `url`, following redirects of a GET, each hop checked by the address guard."""
        seen: set[str] = set()
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            if current in seen:
                raise FetchError(
                    _("boucle de redirections : %(url)s renvoie vers elle-même") % {"url": current}
                )
            seen.add(current)
            result = self.get(current)
            if result.status not in REDIRECT_STATUSES:
                return result
            location = result.headers.get("location")
            if not location:
                raise FetchError(
                    _("le serveur redirige sans dire vers où (%(status)s)")
                    % {"status": result.status}
                )
            if self.method != "GET":
                raise FetchError(
                    _("le serveur redirige la requête (%(status)s) : adresse de l’API à revoir")
                    % {"status": result.status}
                )
            current = urljoin(current, location)
        raise FetchError(
            _("trop de redirections (plus de %(n)s) : la source tourne en rond")
            % {"n": self.limits.max_redirects}
        )

    def get(self, url: str) -> FetchResult:
        """One request: connect, send, read status and headers, then the body unless there is
        none to read (redirect, 304)."""
        connection = response = None
        reading_body = False
        try:
            connection, scheme, host, port = self._connect(url)
            parts = urlsplit(url)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.timeout = min(self.limits.read_timeout, self.remaining())
            headers = _request_headers(scheme, host, port, self.etag, self.last_modified)
            if parts.netloc == self.origin:  # a credential never follows a redirect elsewhere
                headers.update(self.extra_headers)
            connection.request(
                self.method,
                path,
                body=self.body,
                headers=headers,
                preload_content=False,
                decode_content=False,
            )
            response = connection.getresponse()
            status = response.status
            if status in REDIRECT_STATUSES or status == 304:
                return FetchResult(
                    url=url, status=status, headers=_headers(response), not_modified=status == 304
                )
            if status >= 400 or status < 200:
                raise _status_error(status, response.headers)
            reading_body = True
            body = _read_body(response, self.limits, self.started)
            if self.watchdog.fired:  # the socket was shut: what was read is not the whole body
                raise _timed_out(self.limits)
            return FetchResult(url=url, status=status, body=body, headers=_headers(response))
        except FetchError:
            raise
        except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as error:
            raise self._error(error, reading_body) from error
        finally:
            self.watchdog.watch(None)
            if response is not None:
                response.close()
            if connection is not None:
                connection.close()

    def _connect(self, url: str) -> tuple[HTTPConnection, str, str, int]:
        """Check `url`; connect to the checked address, never to a fresh DNS answer."""
        scheme, host, port, address = check_url(url)
        timeout = min(self.limits.connect_timeout, self.remaining())
        if scheme == "https":
            connection = _WatchedHTTPSConnection(
                address,
                port,
                timeout=timeout,
                watchdog=self.watchdog,
                server_hostname=host,
                assert_hostname=host,
            )
        else:
            connection = _WatchedHTTPConnection(
                address, port, timeout=timeout, watchdog=self.watchdog
            )
        connection.connect()
        return connection, scheme, host, port

    def _error(self, error: Exception, reading_body: bool) -> FetchError:
        """The editor's words for what went wrong between connecting and the last byte."""
        if self.watchdog.fired:
            return _timed_out(self.limits)
        if isinstance(error, urllib3.exceptions.NewConnectionError):
            return FetchError(_("connexion au serveur impossible"))
        if isinstance(error, urllib3.exceptions.ConnectTimeoutError):
            return FetchError(_("le serveur ne répond pas (délai de connexion dépassé)"))
        if isinstance(error, TimeoutError | urllib3.exceptions.ReadTimeoutError):
            return _timed_out(self.limits)
        if isinstance(error, ssl.SSLError | urllib3.exceptions.SSLError):
            return FetchError(_("le certificat de sécurité (HTTPS) du serveur est invalide"))
        if reading_body:
            return FetchError(_("la connexion a été coupée pendant la lecture"))
        if isinstance(error, http.client.HTTPException | urllib3.exceptions.ProtocolError):
            return FetchError(_("le serveur a envoyé une réponse invalide"))
        return FetchError(_("connexion au serveur impossible"))


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    limits: Limits | None = None,
    method: str = "GET",
    body: bytes | None = None,
    extra_headers: dict[str, str] | None = None,
) -> FetchResult:
    """Send `url` under every guard; a 304 comes back as `not_modified` with an empty body.

    `method`, `body` and `extra_headers` serve the portal APIs (a POSTed search, a token); a
    request that is not a GET is never redirected, and extra headers never follow a redirect
    to another host (they may carry a credential).
    """
    exchange = _Exchange(
        limits or Limits.from_settings(),
        etag,
        last_modified,
        method=method,
        body=body,
        extra_headers=extra_headers,
        origin=urlsplit(url).netloc,
    )
    try:
        return exchange.follow(url)
    finally:
        exchange.watchdog.stop()


def _headers(response) -> dict[str, str]:
    return {key.lower(): value for key, value in response.headers.items()}
