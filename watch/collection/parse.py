"""Feeds and pages turned into plain records (no database: this runs in parsing processes).

`parse()` takes the fetched bytes and headers and returns a `ParseResult` of `Record`s already
sanitised, dated and classified, plus a warning or an error in words an editor understands.
Only records with an http(s) link come out, and at most `WATCH_MAX_ITEMS_PER_SOURCE` of them
(the newest): records are built only for the items kept, since building is the costly part.
"""

from __future__ import annotations

import calendar
import enum
import heapq
import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urljoin

import feedparser
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from watch.collection.classify import classify
from watch.collection.dates import (
    Deadline,
    find_deadline,
    parse_date,
    parse_deadline_field,
    parse_feed_date,
)
from watch.collection.dedupe import canonical_url, content_hash
from watch.collection.sanitize import clean_html, to_text, usable_link
from watch.collection.themes import ThemePatterns, match_themes

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
_BARE_AMPERSAND = re.compile(rb"&(?!#?[A-Za-z0-9]+;)")
# A feed needs no DTD; its entity declarations (bombs, external files) stop lxml's recovery.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.I | re.S)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)
# Not problems an editor could act on: a wrong charset header, a text/plain content type.
BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)
DEFAULT_MAX_ITEMS = 300
Candidate = TypeVar("Candidate")


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
    # The language the source writes in (`language_tag()`), "" when it does not say.
    language: str = ""


class Skip(enum.Enum):
    """Why an item of a source gave no record."""

    NO_LINK = "no_link"  # no link, or not an http(s) one (javascript:, data:, mailto:…)
    NO_TITLE = "no_title"


@dataclass
class ParseResult:
    """Records read, plus what an editor should know (a warning) or why nothing was read."""

    records: list[Record] = field(default_factory=list)
    warning: str = ""
    error: str = ""
    no_link: int = 0
    no_title: int = 0
    # Items the source holds when it holds more than the cap (0: not cut).
    cut_from: int = 0

    def add_warning(self, text: str) -> None:
        self.warning = f"{self.warning} ; {text}" if self.warning else text


def max_items() -> int:
    return settings.WATCH_MAX_ITEMS_PER_SOURCE


def _newest_first(
    candidates: Sequence[Candidate], published: Callable[[Candidate], datetime | None]
) -> list[Candidate]:
    """Dated items newest first, then undated ones in document order."""

    def rank(pair: tuple[int, Candidate]) -> tuple[bool, float]:
        index, candidate = pair
        when = published(candidate)
        return (when is None, -when.timestamp() if when else index)

    return [candidate for _index, candidate in sorted(enumerate(candidates), key=rank)]


def _build(
    result: ParseResult,
    candidates: Sequence[Candidate],
    make: Callable[[Candidate], Record | Skip],
    published: Callable[[Candidate], datetime | None],
    cap: int,
) -> None:
    """Make records from a source's items, at most `cap`: the newest when there are more."""
    if len(candidates) > cap:
        candidates = _newest_first(candidates, published)
    for candidate in candidates:
        if len(result.records) >= cap:
            result.cut_from = len(candidates)
            break
        record = make(candidate)
        if record is Skip.NO_LINK:
            result.no_link += 1
        elif record is Skip.NO_TITLE:
            result.no_title += 1
        else:
            result.records.append(record)


def _tell_what_was_left_out(result: ParseResult, kind: str) -> None:
    if result.cut_from:
        counts = {
            "kept": number_format(len(result.records), force_grouping=True),
            "total": number_format(result.cut_from, force_grouping=True),
        }
        if kind == "page":
            text = _("page tronquée : %(kept)s éléments gardés sur %(total)s") % counts
        else:
            text = _("flux tronqué : %(kept)s éléments gardés sur %(total)s") % counts
        result.add_warning(text)
    if result.no_link:
        result.add_warning(_("%(n)s éléments sans lien utilisable ignorés") % {"n": result.no_link})
    if result.no_title:
        result.add_warning(_("%(n)s éléments sans titre ignorés") % {"n": result.no_title})


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
    cap: int | None = None,
) -> ParseResult:
    """Parse fetched bytes of a feed (`kind="feed"`) or a page (`kind="page"`). Never raises.

    With `theme_patterns` ((id, compiled pattern) pairs), each record gets its theme ids here,
    in the parsing process, rather than in the process that stores. At most `cap` records
    (default `WATCH_MAX_ITEMS_PER_SOURCE`) come out, the newest.
    """
    cap = cap if cap is not None else max_items()
    try:
        if kind == "page":
            result = parse_page(body, headers, url, selectors or Selectors(), publishes, now, cap)
        else:
            result = parse_feed(body, headers, url, publishes, now, cap)
    except Exception:  # noqa: BLE001 - hostile bytes must never take a round down
        return ParseResult(error=_("le contenu reçu est illisible"))
    if theme_patterns is not None:
        for record in result.records:
            matched = match_themes(f"{record.title} {record.summary_text}", theme_patterns)
            record.theme_ids = sorted(matched)
    return result


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def language_tag(value) -> str:
    """A BCP 47 language tag as the source declares it ("fr", "en-GB"), or "" when it is not one:
    item texts in another language than the page get it as their `lang` (WCAG 3.1.2)."""
    value = str(value or "").strip()
    if not _LANGUAGE.fullmatch(value):
        return ""
    primary, _sep, rest = value.replace("_", "-").partition("-")
    return f"{primary.lower()}-{rest}" if rest else primary.lower()


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
    language: str = "",
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
        language=language,
    )


# --- Feeds ------------------------------------------------------------------------------------


def _struct_to_datetime(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _entry_published(entry) -> datetime | None:
    """The date feedparser already read (cheap: used to rank every entry of a big feed)."""
    return _struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))


def _entry_link(entry) -> str:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links") or []:
            if candidate.get("href"):
                return candidate["href"]
    return link


def _entry_record(
    entry, url: str, publishes: str, now: datetime | None, language: str = ""
) -> Record | Skip:
    title = entry.get("title") or ""
    if not title.strip():
        return Skip.NO_TITLE
    link = usable_link(_entry_link(entry), url)
    if not link:
        return Skip.NO_LINK
    summary = entry.get("summary") or ""
    content = ""
    if entry.get("content"):
        content = entry["content"][0].get("value") or ""
    if not summary:
        summary = content
    categories = [tag.get("label") or tag.get("term") or "" for tag in entry.get("tags") or []]
    categories = [category for category in categories if category]
    published = _entry_published(entry)
    if published is None:
        published = parse_feed_date(entry.get("published") or entry.get("updated") or "", now=now)
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
        # An entry's own xml:lang (Atom), else the feed's (RSS <language>, Atom xml:lang).
        language=language_tag((entry.get("title_detail") or {}).get("language")) or language,
    )


_PUBLISHED_TAGS = {"pubDate", "published", "date"}


def _item_rank(element, index: int) -> tuple:
    """Greater for newer items: dated ones by date, then undated ones in document order."""
    published = updated = None
    for child in element:
        if not isinstance(child.tag, str) or not child.text:
            continue
        name = child.tag.rpartition("}")[2]
        if name in _PUBLISHED_TAGS:
            published = child.text
            break
        if name == "updated":
            updated = child.text
    when = parse_feed_date(published or updated or "")
    return (1, when.timestamp(), -index) if when else (0, 0, -index)


def _newest_items_only(body: bytes, cap: int) -> tuple[bytes, int] | None:
    """A big feed cut down to its `cap` newest items before feedparser reads it, and how many
    items it held; None when it holds no more than `cap` or is not well-formed XML.

    feedparser cannot stop early and costs about a millisecond per item; lxml reads the items
    one at a time and only the `cap` newest stay in memory.
    """
    if body.count(b"<item") + body.count(b"<entry") <= cap:  # cheap: most feeds stop here
        return None
    newest: list[tuple[tuple, object]] = []  # a min-heap: the oldest kept item on top
    total = 0
    items = etree.iterparse(
        io.BytesIO(body),
        tag=("{*}item", "{*}entry"),
        resolve_entities=False,
        strip_cdata=False,
        no_network=True,
    )
    try:
        for _event, element in items:
            entry = (_item_rank(element, total), element)
            total += 1
            if len(newest) < cap:
                heapq.heappush(newest, entry)
                continue
            _rank, dropped = heapq.heappushpop(newest, entry)
            dropped.getparent().remove(dropped)
    except etree.XMLSyntaxError:
        return None
    if total <= cap:
        return None
    tree = items.root.getroottree()
    encoding = tree.docinfo.encoding or "utf-8"
    return etree.tostring(tree, encoding=encoding, xml_declaration=True), total


def _own_text(node) -> str:
    """Text of a node up to the next item: an unclosed tag swallows the items after it."""
    parts = []
    for child in node.children:
        if getattr(child, "name", None) in ("item", "entry"):
            break
        parts.append(child.get_text(" ") if hasattr(child, "get_text") else str(child))
    return " ".join(" ".join(parts).split())


def _node_date_text(node) -> str:
    date_node = node.find(["pubDate", "published", "updated", "date"])
    return date_node.get_text(" ", strip=True) if date_node else ""


def _recovered_record(node, url: str, publishes: str, now: datetime | None) -> Record | Skip:
    title_node = node.find("title")
    title = title_node.get_text(" ", strip=True) if title_node is not None else ""
    if not title:
        return Skip.NO_TITLE
    link_node = node.find("link")
    link = ""
    if link_node is not None:
        link = link_node.get("href") or link_node.get_text(strip=True)
        # An unclosed tag swallows what follows: keep the link's first line only.
        link = link.split()[0] if link.split() else ""
    link = usable_link(link, url)
    if not link:
        return Skip.NO_LINK
    summary_node = node.find(["description", "summary", "content"])
    summary = _own_text(summary_node) if summary_node else ""
    guid_node = node.find(["guid", "id"])
    return _make_record(
        title=title,
        url=link,
        guid=guid_node.get_text(strip=True) if guid_node else "",
        summary_html=summary,
        published=parse_feed_date(_node_date_text(node), now=now),
        deadline=find_deadline(f"{title} {summary}", now=now),
        categories=[],
        publishes=publishes,
        base_url=url,
    )


def _recover(body: bytes, url: str, publishes: str, now: datetime | None, cap: int) -> ParseResult:
    """Read items of an ill-formed feed with a forgiving XML parser."""
    soup = BeautifulSoup(_BARE_AMPERSAND.sub(b"&amp;", _DOCTYPE.sub(b"", body, count=1)), "xml")
    result = ParseResult()
    _build(
        result,
        soup.find_all(["item", "entry"]),
        lambda node: _recovered_record(node, url, publishes, now),
        lambda node: parse_feed_date(_node_date_text(node), now=now),
        cap,
    )
    return result


def parse_feed(
    body: bytes,
    headers: dict[str, str],
    url: str,
    publishes: str,
    now: datetime | None,
    cap: int = DEFAULT_MAX_ITEMS,
) -> ParseResult:
    if not body.strip():
        return ParseResult(error=_("le serveur a renvoyé une réponse vide"))
    if _HTML_START.match(body[:2048]):
        return ParseResult(
            error=_("ce n’est pas un flux : le serveur a renvoyé une page web (HTML)")
        )
    cut = _newest_items_only(body, cap)
    parsed = feedparser.parse(
        cut[0] if cut else body,
        response_headers={**headers, "content-location": url},
        # nh3 sanitises with an allow-list and absolutises links afterwards.
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    result = ParseResult(cut_from=cut[1] if cut else 0)
    language = language_tag(parsed.feed.get("language"))
    _build(
        result,
        parsed.entries,
        lambda entry: _entry_record(entry, url, publishes, now, language),
        _entry_published,
        cap,
    )
    if result.records:
        if parsed.bozo and not isinstance(parsed.get("bozo_exception"), BENIGN_BOZO):
            result.warning = _("le flux est mal formé, mais ses %(n)s éléments ont été lus") % {
                "n": len(result.records)
            }
        _tell_what_was_left_out(result, "feed")
        return result
    if not parsed.bozo and parsed.version:
        _tell_what_was_left_out(result, "feed")
        return result  # a well-formed feed with no items (yet), or none usable
    recovered = _recover(body, url, publishes, now, cap)
    if recovered.records:
        recovered.warning = _("le flux est mal formé ; %(n)s éléments récupérés") % {
            "n": len(recovered.records)
        }
        _tell_what_was_left_out(recovered, "feed")
        return recovered
    if not parsed.version:
        return ParseResult(error=_("ce n’est pas un flux RSS ou Atom"))
    return ParseResult(error=_("le flux est mal formé et aucun élément n’a pu être lu"))


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
    cap: int = DEFAULT_MAX_ITEMS,
) -> ParseResult:
    if not selectors.item:
        return ParseResult(error=_("aucun sélecteur d’élément n’est défini pour cette page"))
    charset = _CHARSET.search(headers.get("content-type", ""))
    soup = BeautifulSoup(body, "lxml", from_encoding=charset.group(1) if charset else None)
    base_tag = soup.find("base", href=True)
    base = urljoin(url, base_tag["href"]) if base_tag else url
    try:
        nodes = soup.select(selectors.item)
    except Exception:  # noqa: BLE001 - soupsieve raises its own errors on bad selectors
        return ParseResult(
            error=_("le sélecteur « %(sel)s » n’est pas valide") % {"sel": selectors.item}
        )
    if not nodes:
        return ParseResult(
            error=_("la page ne contient plus d’éléments correspondant à `%(sel)s`")
            % {"sel": selectors.item}
        )
    result = ParseResult()
    language = language_tag(soup.html.get("lang")) if soup.html else ""
    try:
        _build(
            result,
            nodes,
            lambda node: _page_record(node, base, selectors, publishes, now, language),
            lambda node: _page_published(node, selectors, now),
            cap,
        )
    except Exception:  # noqa: BLE001 - a bad selector for one field
        return ParseResult(error=_("un des sélecteurs de cette source n’est pas valide"))
    if not result.records:
        result.error = _(
            "%(n)s éléments `%(sel)s` trouvés, mais aucun n’a de lien et de titre lisibles"
        ) % {"n": len(nodes), "sel": selectors.item}
    else:
        _tell_what_was_left_out(result, "page")
    return result


def _page_published(node, selectors: Selectors, now: datetime | None) -> datetime | None:
    date_node = _select_one(node, selectors.date)
    return parse_date(date_node.get_text(" ", strip=True), now=now) if date_node else None


def _page_record(
    node, base: str, selectors: Selectors, publishes: str, now, language: str = ""
) -> Record | Skip:
    link_node = _select_one(node, selectors.link) if selectors.link else node.find("a", href=True)
    if link_node is not None and link_node.name != "a":
        link_node = link_node if link_node.get("href") else link_node.find("a", href=True)
    href = (link_node.get("href") or "").strip() if link_node is not None else ""
    # "#" and "#top" lead back to the page itself, not to an item.
    link = usable_link(href, base) if not href.startswith("#") else ""
    if not link:
        return Skip.NO_LINK
    title_node = _select_one(node, selectors.title) or link_node
    title = title_node.get_text(" ", strip=True) if title_node else ""
    if not title:
        return Skip.NO_TITLE
    summary_node = _select_one(node, selectors.summary)
    # The node itself: nh3 keeps a <p> and unwraps a <div> or <td>.
    summary_html = str(summary_node) if summary_node else ""
    deadline_node = _select_one(node, selectors.deadline)
    if deadline_node is not None:
        deadline = parse_deadline_field(deadline_node.get_text(" ", strip=True), now=now)
    else:
        deadline = find_deadline(node.get_text(" ", strip=True), now=now)
    return _make_record(
        title=title,
        url=link,
        guid="",
        summary_html=summary_html,
        published=_page_published(node, selectors, now),
        deadline=deadline,
        categories=[],
        publishes=publishes,
        base_url=base,
        language=language,
    )
