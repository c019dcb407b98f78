"""Feeds and pages turned into plain records (no database: this runs in parsing processes).

`parse()` takes the fetched bytes and headers and returns a `ParseResult` of `Record`s already
sanitised, dated and classified, plus a warning or an error in words an editor understands.
"""

from __future__ import annotations

import calendar
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from django.utils.translation import gettext as _
from feedparser.datetimes import _parse_date as parse_rfc_date

from watch.collection.classify import classify
from watch.collection.dates import Deadline, find_deadline, parse_date, parse_deadline_field
from watch.collection.dedupe import canonical_url, content_hash
from watch.collection.sanitize import clean_html, to_text
from watch.collection.themes import ThemePatterns, match_themes

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
_BARE_AMPERSAND = re.compile(rb"&(?!#?[A-Za-z0-9]+;)")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)
# Not problems an editor could act on: a wrong charset header, a text/plain content type.
BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)


@dataclass
class Selectors:
    """CSS selectors of a web-page source."""

    item: str = ""
    link: str = ""
    title: str = ""
    summary: str = ""
    date: str = ""
    deadline: str = ""


@dataclass
class Record:
    """One item as read from a source, before dedupe and storage."""

    title: str
    url: str
    canonical_url: str
    guid: str = ""
    summary_html: str = ""
    summary_text: str = ""
    published: datetime | None = None
    deadline: datetime | None = None
    permanent: bool = False
    categories: list[str] = field(default_factory=list)
    kind: str = "news"
    content_hash: str = ""
    # Ids of the themes whose keywords the item mentions (None: not computed yet).
    theme_ids: list[int] | None = None
    # A portal call's structured facts (`watch.collection.portals.facts`) and opening date.
    facts: dict = field(default_factory=dict)
    opens_at: datetime | None = None


@dataclass
class ParseResult:
    """Records read, plus what an editor should know (a warning) or why nothing was read."""

    records: list[Record] = field(default_factory=list)
    warning: str = ""
    error: str = ""
    skipped: int = 0


def parse(
    kind: str,
    body: bytes,
    headers: dict[str, str],
    url: str,
    *,
    selectors: Selectors | None = None,
    publishes: str = "mixed",
    now: datetime | None = None,
    theme_patterns: ThemePatterns | None = None,
) -> ParseResult:
    """Parse fetched bytes of a feed (`kind="feed"`) or a page (`kind="page"`). Never raises.

    With `theme_patterns` ((id, compiled pattern) pairs), each record gets its theme ids here,
    in the parsing process, rather than in the process that stores.
    """
    try:
        if kind == "page":
            result = parse_page(body, headers, url, selectors or Selectors(), publishes, now)
        else:
            result = parse_feed(body, headers, url, publishes, now)
    except Exception:  # noqa: BLE001 - hostile bytes must never take a round down
        return ParseResult(error=_("le contenu reçu est illisible"))
    if theme_patterns is not None:
        for record in result.records:
            matched = match_themes(f"{record.title} {record.summary_text}", theme_patterns)
            record.theme_ids = sorted(matched)
    return result


def _make_record(
    *,
    title: str,
    url: str,
    guid: str,
    summary_html: str,
    published: datetime | None,
    deadline: Deadline,
    categories: list[str],
    publishes: str,
    base_url: str = "",
) -> Record:
    clean = clean_html(summary_html, base_url)
    text = to_text(clean)
    title = to_text(title)[:500]
    return Record(
        title=title,
        url=url,
        canonical_url=canonical_url(url),
        guid=guid[:1000],
        summary_html=clean,
        summary_text=text,
        published=published,
        deadline=deadline.at,
        permanent=deadline.permanent,
        categories=categories,
        kind=classify(
            publishes,
            title=title,
            categories=categories,
            has_deadline=deadline.at is not None,
            permanent=deadline.permanent,
        ),
        content_hash=content_hash(title, text),
    )


# --- Feeds ------------------------------------------------------------------------------------


def _struct_to_datetime(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _entry_record(entry, url: str, publishes: str, now: datetime | None) -> Record | None:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links") or []:
            if candidate.get("href"):
                link = candidate["href"]
                break
    title = entry.get("title") or ""
    if not link or not title.strip():
        return None
    link = urljoin(url, link.strip())
    summary = entry.get("summary") or ""
    content = ""
    if entry.get("content"):
        content = entry["content"][0].get("value") or ""
    if not summary:
        summary = content
    categories = [tag.get("label") or tag.get("term") or "" for tag in entry.get("tags") or []]
    categories = [category for category in categories if category]
    published = _struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published is None:
        published = parse_date(entry.get("published") or entry.get("updated") or "", now=now)
    full_text = " ".join([to_text(title), to_text(summary), to_text(content)])
    return _make_record(
        title=title,
        url=link,
        guid=entry.get("id") or "",
        summary_html=summary,
        published=published,
        deadline=find_deadline(full_text, now=now),
        categories=categories,
        publishes=publishes,
        base_url=url,
    )


def _own_text(node) -> str:
    """Text of a node up to the next item: an unclosed tag swallows the items after it."""
    parts = []
    for child in node.children:
        if getattr(child, "name", None) in ("item", "entry"):
            break
        parts.append(child.get_text(" ") if hasattr(child, "get_text") else str(child))
    return " ".join(" ".join(parts).split())


def _recover(body: bytes, url: str, publishes: str, now: datetime | None) -> list[Record]:
    """Read items of an ill-formed feed with a forgiving XML parser."""
    soup = BeautifulSoup(_BARE_AMPERSAND.sub(b"&amp;", body), "xml")
    records = []
    for node in soup.find_all(["item", "entry"]):
        title_node = node.find("title")
        link_node = node.find("link")
        if title_node is None or link_node is None:
            continue
        link = link_node.get("href") or link_node.get_text(strip=True)
        # An unclosed tag swallows what follows: keep the link's first line only.
        link = link.split()[0] if link.split() else ""
        title = title_node.get_text(" ", strip=True)
        if not link or not title:
            continue
        summary_node = node.find(["description", "summary", "content"])
        summary = _own_text(summary_node) if summary_node else ""
        date_node = node.find(["pubDate", "published", "updated", "date"])
        date_text = date_node.get_text(" ", strip=True) if date_node else ""
        published = _struct_to_datetime(parse_rfc_date(date_text)) if date_text else None
        if published is None and date_text:
            published = parse_date(date_text, now=now)
        guid_node = node.find(["guid", "id"])
        records.append(
            _make_record(
                title=title,
                url=urljoin(url, link),
                guid=guid_node.get_text(strip=True) if guid_node else "",
                summary_html=summary,
                published=published,
                deadline=find_deadline(f"{title} {summary}", now=now),
                categories=[],
                publishes=publishes,
                base_url=url,
            )
        )
    return records


def parse_feed(
    body: bytes, headers: dict[str, str], url: str, publishes: str, now: datetime | None
) -> ParseResult:
    if not body.strip():
        return ParseResult(error=_("le serveur a renvoyé une réponse vide"))
    if _HTML_START.match(body[:2048]):
        return ParseResult(
            error=_("ce n'est pas un flux : le serveur a renvoyé une page web (HTML)")
        )
    parsed = feedparser.parse(
        body,
        response_headers={**headers, "content-location": url},
        # nh3 sanitises with an allow-list and absolutises links afterwards.
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    result = ParseResult()
    for entry in parsed.entries:
        record = _entry_record(entry, url, publishes, now)
        if record is None:
            result.skipped += 1
        else:
            result.records.append(record)
    if result.records:
        if parsed.bozo and not isinstance(parsed.get("bozo_exception"), BENIGN_BOZO):
            result.warning = _("le flux est mal formé, mais ses %(n)s éléments ont été lus") % {
                "n": len(result.records)
            }
        return result
    if not parsed.bozo and parsed.version:
        return result  # a well-formed feed with no items (yet)
    recovered = _recover(body, url, publishes, now)
    if recovered:
        count = len(recovered)
        result.records = recovered
        result.warning = _("le flux est mal formé ; %(n)s éléments récupérés") % {"n": count}
        return result
    if not parsed.version:
        return ParseResult(error=_("ce n'est pas un flux RSS ou Atom"))
    return ParseResult(error=_("le flux est mal formé et aucun élément n'a pu être lu"))


# --- Pages ------------------------------------------------------------------------------------


def _select_one(node, selector: str):
    return node.select_one(selector) if selector else None


def parse_page(
    body: bytes,
    headers: dict[str, str],
    url: str,
    selectors: Selectors,
    publishes: str,
    now: datetime | None,
) -> ParseResult:
    if not selectors.item:
        return ParseResult(error=_("aucun sélecteur d'élément n'est défini pour cette page"))
    charset = _CHARSET.search(headers.get("content-type", ""))
    soup = BeautifulSoup(body, "lxml", from_encoding=charset.group(1) if charset else None)
    base_tag = soup.find("base", href=True)
    base = urljoin(url, base_tag["href"]) if base_tag else url
    try:
        nodes = soup.select(selectors.item)
    except Exception:  # noqa: BLE001 - soupsieve raises its own errors on bad selectors
        return ParseResult(
            error=_("le sélecteur « %(sel)s » n'est pas valide") % {"sel": selectors.item}
        )
    if not nodes:
        return ParseResult(
            error=_("la page ne contient plus d'éléments correspondant à `%(sel)s`")
            % {"sel": selectors.item}
        )
    result = ParseResult()
    for node in nodes:
        try:
            record = _page_record(node, base, selectors, publishes, now)
        except Exception:  # noqa: BLE001 - a bad selector for one field
            return ParseResult(error=_("un des sélecteurs de cette source n'est pas valide"))
        if record is None:
            result.skipped += 1
        else:
            result.records.append(record)
    if not result.records:
        result.error = _(
            "%(n)s éléments `%(sel)s` trouvés, mais aucun n'a de lien et de titre lisibles"
        ) % {"n": len(nodes), "sel": selectors.item}
    elif result.skipped:
        result.warning = _("%(n)s éléments sans lien ou sans titre ont été ignorés") % {
            "n": result.skipped
        }
    return result


def _page_record(node, base: str, selectors: Selectors, publishes: str, now) -> Record | None:
    link_node = _select_one(node, selectors.link) if selectors.link else node.find("a", href=True)
    if link_node is not None and link_node.name != "a":
        link_node = link_node if link_node.get("href") else link_node.find("a", href=True)
    href = (link_node.get("href") or "").strip() if link_node is not None else ""
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    title_node = _select_one(node, selectors.title) or link_node
    title = title_node.get_text(" ", strip=True) if title_node else ""
    if not title:
        return None
    summary_node = _select_one(node, selectors.summary)
    # The node itself: nh3 keeps a <p> and unwraps a <div> or <td>.
    summary_html = str(summary_node) if summary_node else ""
    date_node = _select_one(node, selectors.date)
    published = parse_date(date_node.get_text(" ", strip=True), now=now) if date_node else None
    deadline_node = _select_one(node, selectors.deadline)
    if deadline_node is not None:
        deadline = parse_deadline_field(deadline_node.get_text(" ", strip=True), now=now)
    else:
        deadline = find_deadline(node.get_text(" ", strip=True), now=now)
    return _make_record(
        title=title,
        url=urljoin(base, href),
        guid="",
        summary_html=summary_html,
        published=published,
        deadline=deadline,
        categories=[],
        publishes=publishes,
        base_url=base,
    )
