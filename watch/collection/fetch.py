"""All outbound HTTP of the watch: one guarded fetch of one URL.

Every request goes through `fetch()`: only http(s), the host resolved here and checked to be a
public address (every redirect hop too), and the connection pinned to that checked address so a
second DNS answer (rebinding) cannot point it elsewhere. Timeouts per socket operation, an overall
deadline, a size cap applied after decompression, at most five redirects, conditional GET.
Errors are `FetchError`s whose message an editor understands.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 15.0
DEFAULT_DEADLINE = 30.0
MAX_REDIRECTS = 5
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
    """Limits of one fetch; settings override the defaults (tests make them small)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_redirects: int = MAX_REDIRECTS

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=getattr(settings, "WATCH_MAX_BYTES", DEFAULT_MAX_BYTES),
            connect_timeout=getattr(settings, "WATCH_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT),
            read_timeout=getattr(settings, "WATCH_READ_TIMEOUT", DEFAULT_READ_TIMEOUT),
            deadline=getattr(settings, "WATCH_FETCH_DEADLINE", DEFAULT_DEADLINE),
            max_redirects=getattr(settings, "WATCH_MAX_REDIRECTS", MAX_REDIRECTS),
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
    site = getattr(settings, "SITE_URL", "")
    return f"PasserellesVeille/1.0 (+{site}; veille des appels à projets)"


# The resolver is a module attribute so tests can stub it (and never send packets to the
# addresses they test).
def resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 2002::/16 (6to4) wrap an IPv4 address: judge the wrapped one.
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
    return ip.is_global and not ip.is_multicast


def allow_private() -> bool:
    return bool(getattr(settings, "WATCH_ALLOW_PRIVATE_NETWORKS", False))


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
    if not allow_private():
        for address in addresses:
            if not _is_public(address):
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
        403: _("le serveur a répondu 403 : l'accès est refusé"),
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
    """GET `url` under every guard; a 304 comes back as `not_modified` with an empty body.

    `method`, `body` and `extra_headers` serve the portal APIs (a POSTed search, a token); a
    request that is not a GET is never redirected, and extra headers never follow a redirect
    to another host (they may carry a credential).
    """
    limits = limits or Limits.from_settings()
    origin = urlsplit(url).netloc
    started = time.monotonic()
    seen: set[str] = set()
    current = url
    for _hop in range(limits.max_redirects + 1):
        if current in seen:
            raise FetchError(
                _("boucle de redirections : %(url)s renvoie vers elle-même") % {"url": current}
            )
        seen.add(current)
        scheme, host, port, address = check_url(current)
        parts = urlsplit(current)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
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
        if extra_headers and parts.netloc == origin:
            headers.update(extra_headers)
        remaining = max(limits.deadline - (time.monotonic() - started), 0.05)
        timeout = urllib3.Timeout(
            connect=min(limits.connect_timeout, remaining),
            read=min(limits.read_timeout, remaining),
        )
        # Connect to the address checked above, never to a fresh DNS answer.
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                address,
                port,
                timeout=timeout,
                retries=False,
                maxsize=1,
                server_hostname=host,
                assert_hostname=host,
            )
        else:
            pool = urllib3.HTTPConnectionPool(
                address, port, timeout=timeout, retries=False, maxsize=1
            )
        try:
            response = pool.urlopen(
                method,
                path,
                body=body,
                headers=headers,
                redirect=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except urllib3.exceptions.ConnectTimeoutError as error:
            raise FetchError(_("le serveur ne répond pas (délai de connexion dépassé)")) from error
        except urllib3.exceptions.ReadTimeoutError as error:
            raise _timed_out(limits) from error
        except urllib3.exceptions.SSLError as error:
            raise FetchError(
                _("le certificat de sécurité (HTTPS) du serveur est invalide")
            ) from error
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise FetchError(_("connexion au serveur impossible")) from error
        try:
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(
                        _("le serveur redirige sans dire vers où (%(status)s)") % {"status": status}
                    )
                if method != "GET":
                    raise FetchError(
                        _("le serveur redirige la requête (%(status)s) : adresse de l'API à revoir")
                        % {"status": status}
                    )
                current = urljoin(current, location)
                continue
            if status == 304:
                return FetchResult(
                    url=current, status=304, headers=_headers(response), not_modified=True
                )
            if status >= 400 or status < 200:
                raise _status_error(status, response.headers)
            try:
                body = _read_body(response, limits, started)
            except urllib3.exceptions.ReadTimeoutError as error:
                raise _timed_out(limits) from error
            except (urllib3.exceptions.HTTPError, OSError) as error:
                raise FetchError(_("la connexion a été coupée pendant la lecture")) from error
            return FetchResult(url=current, status=status, body=body, headers=_headers(response))
        finally:
            response.release_conn()
            response.close()
            pool.close()
    raise FetchError(
        _("trop de redirections (plus de %(n)s) : la source tourne en rond")
        % {"n": limits.max_redirects}
    )


def _headers(response) -> dict[str, str]:
    return {key.lower(): value for key, value in response.headers.items()}
