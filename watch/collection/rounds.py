"""Fetch rounds and their log lines: one `event=round` line per round, whoever did the work.

A round run in one process (`watch_fetch --all`) logs its line when it ends. A scheduled round is
spread over one task per source, possibly on several machines: each task adds its outcome to the
round's `FetchRound` row with one atomic UPDATE, and the task that completes the tally (a
conditional UPDATE only one task can win) logs the line.
"""

import logging
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from watch.collection.models import FetchRound

logger = logging.getLogger("watch")
KEEP = timedelta(days=30)


def log_round(
    *,
    sources: int,
    seconds: float,
    ok: int = 0,
    failed: int = 0,
    skipped: int = 0,
    new: int = 0,
    updated: int = 0,
    round_id: int | None = None,
) -> None:
    logger.info(
        "event=round round=%s sources=%d ok=%d failed=%d skipped=%d new=%d updated=%d seconds=%.1f",
        round_id if round_id is not None else "-",
        sources, ok, failed, skipped, new, updated, seconds,
    )  # fmt: skip


def start(sources: int) -> FetchRound:
    # A round every few minutes: keep a month of tallies, enough to look back on an incident.
    FetchRound.objects.filter(started_at__lt=timezone.now() - KEEP).delete()
    return FetchRound.objects.create(sources=sources)


def add(round_id: int, counts: dict[str, int]) -> bool:
    """Add one source's counts (`Outcome.counts()`) to its round; log the round's line if this
    completes it."""
    FetchRound.objects.filter(pk=round_id).update(
        done=F("done") + 1, **{key: F(key) + value for key, value in counts.items()}
    )
    now = timezone.now()
    completed = FetchRound.objects.filter(
        pk=round_id, finished_at__isnull=True, done__gte=F("sources")
    ).update(finished_at=now)
    if completed != 1:
        return False
    tally = FetchRound.objects.get(pk=round_id)
    log_round(
        sources=tally.sources,
        ok=tally.ok,
        failed=tally.failed,
        skipped=tally.skipped,
        new=tally.new,
        updated=tally.updated,
        seconds=(now - tally.started_at).total_seconds(),
        round_id=tally.pk,
    )
    return True
