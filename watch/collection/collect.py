"""Orchestration of the watch: claim a source, fetch it, parse it, store its items, keep its health.

`collect_source()` does one source start to finish (a django-q2 task per source calls it).
`run_round()` does many at once: fetching threads feed parsing processes (parsing is CPU-bound, so
threads alone leave the second core idle) while this thread stores results, one source at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.cache import purge_page_cache
from watch.collection import fetch as fetching
from watch.collection import rounds
from watch.collection.enrich import dates_from_portal, keep_richest_facts
from watch.collection.models import Item, Source
from watch.collection.parse import ParseResult, Record, Selectors, parse
from watch.collection.portals import is_portal
from watch.collection.portals import read as portals
from watch.collection.themes import ThemePatterns, theme_patterns

MAX_BACKOFF = timedelta(hours=24)
logger = logging.getLogger("watch")


@dataclass
class Job:
    """What a fetching thread or a parsing process needs to know of a source (no ORM object)."""

    source_id: int
    name: str
    url: str
    kind: str
    publishes: str
    selectors: Selectors
    etag: str = ""
    last_modified: str = ""
    themes: ThemePatterns | None = None
    filters: dict = field(default_factory=dict)

    @classmethod
    def of(cls, source: Source, themes: ThemePatterns | None = None) -> Job:
        return cls(
            source_id=source.pk,
            name=source.name,
            url=source.url,
            kind=source.kind,
            publishes=source.publishes,
            selectors=selectors_for(source),
            etag=source.etag,
            last_modified=source.last_modified,
            themes=themes,
            filters=dict(source.portal_filters or {}),
        )


@dataclass
class Outcome:
    """What one fetch of one source gave: shown by commands, stored as the source's health."""

    source_id: int
    name: str
    ok: bool = True
    status: int | None = None
    found: int = 0
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str = ""
    warning: str = ""
    paused: bool = False
    skipped: bool = False
    # Accepted items changed: the public pages showing them must be purged from the page cache.
    public_changed: bool = False

    def counts(self) -> dict[str, int]:
        """What this outcome adds to its round's tally (`ok`, `failed`, `skipped`, `new`,
        `updated`)."""
        return {
            "ok": int(self.ok and not self.skipped),
            "failed": int(not self.ok),
            "skipped": int(self.skipped),
            "new": self.new,
            "updated": self.updated,
        }

    def summary(self) -> str:
        if self.skipped:
            return _("déjà collectée ou en cours de collecte ailleurs : ignorée")
        if not self.ok:
            return _("échec : %(error)s") % {"error": self.error}
        if self.not_modified:
            return _("inchangée depuis la dernière collecte (304)")
        text = _("%(found)s trouvés, %(new)s nouveaux, %(updated)s mis à jour") % {
            "found": self.found,
            "new": self.new,
            "updated": self.updated,
        }
        return f"{text} — {self.warning}" if self.warning else text


def selectors_from(fields: Mapping[str, str]) -> Selectors:
    """Selectors from values keyed by `Source.SELECTOR_FIELDS` (a missing one is empty)."""
    return Selectors(
        **{name.removesuffix("_selector"): fields.get(name, "") for name in Source.SELECTOR_FIELDS}
    )


def selectors_for(source: Source) -> Selectors:
    return selectors_from({name: getattr(source, name) for name in Source.SELECTOR_FIELDS})


# --- The per-source lock ------------------------------------------------------------------------


def lease_duration() -> timedelta:
    limits = fetching.Limits.from_settings()
    return timedelta(seconds=limits.deadline * 2 + 120)


def claim(source_id: int, now: datetime | None = None, *, due_only: bool = False) -> bool:
    """Take the source's lease with one conditional UPDATE: two workers can never both win.

    `due_only`: also require the source to be due, in the same UPDATE, so a task queued twice
    (overlapping rounds, a backlog) does not fetch again a source another worker just did.
    """
    now = now or timezone.now()
    sources = Source.objects.filter(pk=source_id).unlocked(now)
    if due_only:
        sources = sources.due(now)
    return sources.update(locked_until=now + lease_duration()) == 1


def release(source_id: int) -> None:
    Source.objects.filter(pk=source_id).update(locked_until=None)


# --- Steps ----------------------------------------------------------------------------------------


def fetch_job(job: Job) -> fetching.FetchResult | fetching.FetchError:
    """Runs in a fetching thread: network only, no database."""
    try:
        if is_portal(job.kind):
            return portals.read(job)
        return fetching.fetch(job.url, etag=job.etag, last_modified=job.last_modified)
    except fetching.FetchError as error:
        return error
    except Exception:  # noqa: BLE001 - one broken source never takes the round down
        return fetching.FetchError(_("erreur inattendue pendant la collecte"))


def parse_job(job: Job, result: fetching.FetchResult, now: datetime | None = None) -> ParseResult:
    """Runs in a parsing process: bytes in, plain records out."""
    if isinstance(result, portals.PortalFetch):
        return result.parsed  # mapped while paging
    return parse(
        job.kind,
        result.body,
        result.headers,
        result.url,
        selectors=job.selectors,
        publishes=job.publishes,
        now=now,
        theme_patterns=job.themes,
    )


def _fields_changed(item: Item, record: Record) -> bool:
    changed = (
        item.title != record.title
        or item.summary_html != record.summary_html
        or item.permanent != record.permanent
        or (record.facts and (item.facts != record.facts or item.opens_at != record.opens_at))
    )
    if not item.deadline_locked and not dates_from_portal(item, record):
        changed = changed or item.deadline != record.deadline
    return changed


@dataclass
class Stored:
    new: int
    updated: int
    public_changed: bool


def store(source: Source, records: list[Record], now: datetime | None = None) -> tuple[int, int]:
    """Create new items and update changed ones; return (new, updated); purge the page cache
    when accepted (public) items changed."""
    stored = store_records(source, records, now=now)
    if stored.public_changed:
        purge_page_cache()
    return stored.new, stored.updated


def store_records(source: Source, records: list[Record], now: datetime | None = None) -> Stored:
    """Create new items and update changed ones (the caller purges the page cache if needed).

    Per source an item is the same by GUID, then canonical URL, then content hash; across
    sources by canonical URL. Editors' fields are never touched; rejected items stay rejected.
    Records carry their theme ids (`parse(..., theme_patterns=...)`); the source's default
    themes are added.
    """
    plan = plan_changes(source, records, Known.of(source, records), now or timezone.now())
    enriched = write(plan, source)
    public_changed = any(item.status == Item.Status.ACCEPTED for item in plan.to_update + enriched)
    return Stored(len(plan.to_create), len(plan.to_update), public_changed)


@dataclass
class Known:
    """The stored items a fetch's records can match: the source's own, and links elsewhere."""

    by_guid: dict[str, Item]
    by_url: dict[str, Item]
    by_hash: dict[str, Item]
    elsewhere: set[str]  # canonical URLs another source already has

    @classmethod
    def of(cls, source: Source, records: list[Record]) -> Known:
        # Only the items the records can match, not the source's whole history.
        urls = {record.canonical_url for record in records}
        hashes = {record.content_hash for record in records}
        guids = {record.guid for record in records if record.guid}
        candidates = Q(canonical_url__in=urls) | Q(content_hash__in=hashes)
        if guids:
            candidates |= Q(guid__in=guids)
        existing = list(
            Item.objects.filter(source=source).filter(candidates).only(
                "id", "guid", "canonical_url", "content_hash", "title", "summary_html",
                "deadline", "permanent", "status", "deadline_locked", "facts", "opens_at",
            )
        )  # fmt: skip
        return cls(
            by_guid={item.guid: item for item in existing if item.guid},
            by_url={item.canonical_url: item for item in existing},
            by_hash={item.content_hash: item for item in existing},
            elsewhere=set(
                Item.objects.filter(canonical_url__in=urls)
                .exclude(source=source)
                .values_list("canonical_url", flat=True)
            ),
        )

    def match(self, record: Record, guid: str) -> Item | None:
        return (
            (self.by_guid.get(guid) if guid else None)
            or self.by_url.get(record.canonical_url)
            or self.by_hash.get(record.content_hash)
        )


@dataclass
class Plan:
    """What storing a fetch will write: new items with their theme ids, and changed items."""

    # New items as column values (attribute name → value), not model instances: building an
    # `Item` per record cost more than inserting it.
    to_create: list[tuple[dict, set[int]]] = field(default_factory=list)
    to_update: list[Item] = field(default_factory=list)
    # Found through another source: their facts may be richer than the stored item's.
    enrich: list[Record] = field(default_factory=list)


def unreliable_guids(records: list[Record]) -> set[str]:
    """GUIDs shared by records with different links: no identifier (some feeds reuse one)."""
    links_by_guid: dict[str, set[str]] = {}
    for record in records:
        if record.guid:
            links_by_guid.setdefault(record.guid, set()).add(record.canonical_url)
    return {guid for guid, links in links_by_guid.items() if len(links) > 1}


def plan_changes(source: Source, records: list[Record], known: Known, now: datetime) -> Plan:
    """Match each record to a stored item: update it if it changed, create it if it is new."""
    default_themes = set(source.themes.values_list("pk", flat=True))
    unreliable = unreliable_guids(records)
    plan = Plan()
    seen: set[str] = set()
    for record in records:
        guid = "" if record.guid in unreliable else record.guid
        keys = {f"url:{record.canonical_url}", f"hash:{record.content_hash}"}
        if guid:
            keys.add(f"guid:{guid}")
        # The same item twice in one fetch (e.g. once with tracking parameters): first one wins.
        if keys & seen:
            continue
        seen |= keys
        item = known.match(record, guid)
        if item is not None:
            if item.status != Item.Status.REJECTED and _fields_changed(item, record):
                plan.to_update.append(_updated(item, record))
        elif record.canonical_url in known.elsewhere:
            plan.enrich.append(record)
        else:
            themes = set(record.theme_ids or ()) | default_themes
            plan.to_create.append((_new_item(source, record, guid, now), themes))
    return plan


def _updated(item: Item, record: Record) -> Item:
    item.title = record.title
    item.summary_html = record.summary_html
    item.summary_text = record.summary_text
    item.content_hash = record.content_hash
    item.permanent = record.permanent
    item.language = record.language or item.language
    if record.facts:
        item.facts, item.opens_at = record.facts, record.opens_at
    if not item.deadline_locked and not dates_from_portal(item, record):
        item.deadline = record.deadline
    return item


def _new_item(source: Source, record: Record, guid: str, now: datetime) -> dict:
    """A new item's values by attribute name; the other fields take their defaults."""
    return {
        "source_id": source.pk,
        "kind": record.kind,
        "title": record.title,
        "url": record.url[:2000],
        "canonical_url": record.canonical_url[:2000],
        "guid": guid,
        "content_hash": record.content_hash,
        "summary_html": record.summary_html,
        "summary_text": record.summary_text,
        "deadline": record.deadline,
        "permanent": record.permanent,
        "published_at": record.published,
        "collected_at": now,
        "facts": record.facts,
        "opens_at": record.opens_at,
        "language": record.language,
    }


UPDATED_FIELDS = [
    "title", "summary_html", "summary_text", "content_hash", "permanent", "deadline", "facts",
    "opens_at", "language",
]  # fmt: skip


def write(plan: Plan, source: Source) -> list[Item]:
    """Create and update in one transaction; theme links of new items in one statement.
    Returns the items of other sources given richer facts."""
    with transaction.atomic():
        ids = _insert_items([values for values, _themes in plan.to_create])
        links = [
            (pk, theme_id)
            for pk, (_values, themes) in zip(ids, plan.to_create, strict=True)
            for theme_id in themes
        ]
        if links:
            _insert_theme_links(links)
        if plan.to_update:
            Item.objects.bulk_update(plan.to_update, UPDATED_FIELDS)
        return keep_richest_facts(plan.enrich, source)


def _insert_items(rows: list[dict]) -> list[int]:
    """Insert new items (`_new_item` values), a batch per statement; return their ids in order.

    `INSERT … RETURNING id` written here: `bulk_create` compiles every value of every field
    through the ORM (24 fields), which cost more per item than mapping the record. Values are
    prepared as the ORM would (time zones, JSON), defaults and `auto_now` filled alike.
    """
    if not rows:
        return []
    db = connections[Item.objects.db]  # the connection itself: the proxy costs per attribute
    if not db.features.can_return_rows_from_bulk_insert:
        return [item.pk for item in Item.objects.bulk_create([Item(**row) for row in rows])]
    meta = Item._meta
    fields = [column for column in meta.concrete_fields if column is not meta.pk]
    names = [column.attname for column in fields]
    now = timezone.now()
    defaults = {}
    for column in fields:
        if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
            defaults[column.attname] = now
        else:  # as `Item()` would: the default, else "" for text, else None
            defaults[column.attname] = column.get_default()
    # Only these need the ORM's preparation; text, numbers and booleans go to the driver as is.
    json_fields = [(i, f) for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    date_fields = [(i, f) for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
    dates: dict = {None: None}  # the same instants come back (the round's now, shared deadlines)
    quote = db.ops.quote_name
    returning, returning_params = db.ops.return_insert_columns([meta.pk])
    head = (
        f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(column.column) for column in fields)}) "
    )
    row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[int] = []
    size = max(1, db.ops.bulk_batch_size(fields, rows))
    with db.cursor() as cursor:
        for start in range(0, len(rows), size):
            params: list = []
            batch = rows[start : start + size]
            for row in batch:
                merged = {**defaults, **row}
                values = [merged[name] for name in names]
                for index, column in json_fields:
                    values[index] = column.get_db_prep_save(values[index], db)
                for index, column in date_fields:
                    when = values[index]
                    if when not in dates:
                        dates[when] = column.get_db_prep_save(when, db)
                    values[index] = dates[when]
                params.extend(values)
            sql = f"{head}VALUES {', '.join([row_placeholder] * len(batch))} {returning}"
            cursor.execute(sql, [*params, *returning_params])
            returned = [row[0] for row in cursor.fetchall()]
            if len(returned) != len(batch):
                raise RuntimeError("the database did not return every new item's id")
            ids.extend(returned)
    return ids


def _insert_theme_links(links: list[tuple[int, int]]) -> None:
    # One executemany: the ORM's per-row compilation cost more than the whole parse.
    through = Item.themes.through._meta
    quote = connection.ops.quote_name
    table = quote(through.db_table)
    item_column = quote(through.get_field("item").column)
    theme_column = quote(through.get_field("theme").column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({item_column}, {theme_column}) VALUES (%s, %s)",  # noqa: S608
            links,
        )


# --- Health -------------------------------------------------------------------------------------


def _backoff(source: Source, failures: int, retry_after: float | None) -> timedelta:
    delay = min(source.interval() * (2 ** (failures - 1)), MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=min(retry_after, MAX_BACKOFF.total_seconds())))
    return delay


def record_failure(
    source: Source, message: str, *, status=None, retry_after=None, gone=False, now=None
) -> Outcome:
    now = now or timezone.now()
    failures = source.consecutive_failures + 1
    limit = settings.WATCH_MAX_FAILURES
    updates = {
        "last_fetch_at": now,
        "last_status": status,
        "consecutive_failures": failures,
        "last_error": message,
        "next_fetch_at": now + _backoff(source, failures, retry_after),
        "locked_until": None,
    }
    paused = gone or failures >= limit
    if paused:
        updates["paused_at"] = now
        updates["paused_reason"] = (
            message
            if gone
            else _("%(n)s échecs consécutifs ; dernier : %(error)s")
            % {"n": failures, "error": message}
        )
    Source.objects.filter(pk=source.pk).update(**updates)
    for key, value in updates.items():
        setattr(source, key, value)
    logger.warning(
        "event=fetch_failed source=%d status=%s failures=%d paused=%s error=%r",
        source.pk, status if status is not None else "-", failures, paused, str(message),
    )  # fmt: skip
    return Outcome(source.pk, source.name, ok=False, status=status, error=message, paused=paused)


def record_success(
    source: Source,
    fetched: fetching.FetchResult,
    *,
    found=0,
    new=0,
    updated=0,
    warning="",
    public_changed=False,
    now=None,
) -> Outcome:
    now = now or timezone.now()
    updates = {
        "last_fetch_at": now,
        "last_success_at": now,
        "last_status": fetched.status,
        "consecutive_failures": 0,
        "last_error": "",
        # A source that answers again (e.g. "collect now" from the admin) leaves its pause.
        "paused_at": None,
        "paused_reason": "",
        "next_fetch_at": now + source.interval(),
        "locked_until": None,
    }
    if not fetched.not_modified:
        updates.update(
            last_found=found,
            last_new=new,
            last_updated=updated,
            last_warning=warning,
            etag=fetched.etag[:500],
            last_modified=fetched.last_modified[:100],
        )
    Source.objects.filter(pk=source.pk).update(**updates)
    for key, value in updates.items():
        setattr(source, key, value)
    return Outcome(
        source.pk,
        source.name,
        status=fetched.status,
        found=found,
        new=new,
        updated=updated,
        not_modified=fetched.not_modified,
        warning=warning,
        public_changed=public_changed,
    )


def finish(
    source: Source,
    fetched: fetching.FetchResult | fetching.FetchError,
    parsed: ParseResult | None,
    now: datetime | None = None,
) -> Outcome:
    """Store what a fetch and a parse gave and update the source's health."""
    try:
        if isinstance(fetched, fetching.FetchError):
            return record_failure(
                source,
                fetched.message,
                status=fetched.status,
                retry_after=fetched.retry_after,
                gone=fetched.gone,
                now=now,
            )
        if fetched.not_modified or parsed is None:
            return record_success(source, fetched, now=now)
        if parsed.error and not parsed.records:
            return record_failure(source, parsed.error, status=fetched.status, now=now)
        stored = store_records(source, parsed.records, now=now)
        return record_success(
            source,
            fetched,
            found=len(parsed.records),
            new=stored.new,
            updated=stored.updated,
            warning=parsed.warning,
            public_changed=stored.public_changed,
            now=now,
        )
    finally:
        release(source.pk)


# --- Entry points -------------------------------------------------------------------------------


def collect_source(
    source: Source, *, now: datetime | None = None, due_only: bool = False
) -> Outcome:
    """Fetch, parse and store one source, unless someone else is fetching it right now
    (or, with `due_only`, unless it is not due any more)."""
    if not claim(source.pk, due_only=due_only):
        return Outcome(source.pk, source.name, skipped=True)
    job = Job.of(source, theme_patterns())
    fetched = fetch_job(job)
    parsed = None
    if isinstance(fetched, fetching.FetchResult) and not fetched.not_modified:
        parsed = parse_job(job, fetched)
    outcome = finish(source, fetched, parsed, now=now)
    if outcome.public_changed:
        purge_page_cache()
    return outcome


def preview(source: Source) -> tuple[fetching.FetchResult | None, ParseResult]:
    """What a fetch would collect now, without saving anything (the "test this source" button)."""
    job = Job.of(source)
    job.etag = job.last_modified = ""
    fetched = fetch_job(job)
    if isinstance(fetched, fetching.FetchError):
        return None, ParseResult(error=fetched.message)
    return fetched, parse_job(job, fetched)


def due_sources(now: datetime | None = None):
    return Source.objects.collectable().due(now or timezone.now())


def run_round(
    sources: Iterable[Source],
    *,
    threads: int | None = None,
    processes: int | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Collect many sources: `threads` fetch at once, `processes` parse at once.

    Results are stored here, in the calling thread, as they come: the database sees one writer.
    A slow source only holds its own thread; the overall deadline bounds it. Logs one
    `event=round` line and purges the page cache once if accepted items changed.
    """
    started = time.monotonic()
    threads = threads or settings.WATCH_FETCH_THREADS
    processes = processes if processes is not None else settings.WATCH_PARSE_PROCESSES
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    claimed: dict[int, Source] = {}
    for source in sources:
        if claim(source.pk):
            claimed[source.pk] = source
        else:
            done(Outcome(source.pk, source.name, skipped=True))
    try:
        if claimed:
            collect_claimed(claimed, threads, processes, done)
    finally:
        settled = {outcome.source_id for outcome in outcomes}
        for pk in claimed.keys() - settled:
            release(pk)
        if any(outcome.public_changed for outcome in outcomes):
            purge_page_cache()
        log_round(outcomes, time.monotonic() - started)
    return outcomes


@contextmanager
def pools(threads: int, processes: int):
    """(fetching threads, parsing processes or None when parsing stays in this thread)."""
    parse_pool = None
    if processes > 1:
        # fork: workers inherit the loaded code and settings; they never touch the database.
        parse_pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
    fetch_pool = ThreadPoolExecutor(threads, thread_name_prefix="watch-fetch")
    try:
        yield fetch_pool, parse_pool
    finally:
        fetch_pool.shutdown(wait=True, cancel_futures=True)
        if parse_pool is not None:
            parse_pool.shutdown(wait=True, cancel_futures=True)


def collect_claimed(
    claimed: dict[int, Source], threads: int, processes: int, done: Callable[[Outcome], None]
) -> None:
    """Fetch every claimed source, parse what came, store each result as soon as it is ready."""
    patterns = theme_patterns()
    jobs = {pk: Job.of(source, patterns) for pk, source in claimed.items()}
    with pools(threads, processes) as (fetch_pool, parse_pool):
        pending: dict[Future, tuple[int, fetching.FetchResult | None]] = {
            fetch_pool.submit(fetch_job, job): (pk, None) for pk, job in jobs.items()
        }
        while pending:
            finished, _unused = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                pk, fetched = pending.pop(future)
                source = claimed[pk]
                try:
                    if fetched is None:  # a fetch came back
                        fetched = future.result()
                        result = after_fetch(source, jobs[pk], fetched, parse_pool)
                    else:  # a parse came back
                        result = finish(source, fetched, future.result())
                except Exception:  # noqa: BLE001 - one source's failure stays its own
                    # record_failure() clears the lease (and run_round does if it fails).
                    result = record_failure(source, _("erreur inattendue pendant le traitement"))
                if isinstance(result, Future):
                    pending[result] = (pk, fetched)
                else:
                    done(result)


def after_fetch(
    source: Source,
    job: Job,
    fetched: fetching.FetchResult | fetching.FetchError,
    parse_pool: ProcessPoolExecutor | None,
) -> Outcome | Future:
    """Store a fetch with nothing to parse; parse the others here or in a process (a Future)."""
    if isinstance(fetched, fetching.FetchError) or fetched.not_modified:
        return finish(source, fetched, None)
    if isinstance(fetched, portals.PortalFetch):  # mapped while paging: no trip to a process
        return finish(source, fetched, fetched.parsed)
    if parse_pool is not None:
        return parse_pool.submit(parse_job, job, fetched)
    return finish(source, fetched, parse_job(job, fetched))


def log_round(outcomes: list[Outcome], seconds: float) -> None:
    """The `event=round` line of a round done in one process."""
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        totals.update(outcome.counts())
    rounds.log_round(sources=len(outcomes), seconds=seconds, **totals)
