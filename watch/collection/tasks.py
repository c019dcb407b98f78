"""django-q2 entry points of the collection (thin: they load ids and call `collect`)."""

from django.utils import timezone
from django_q.tasks import async_task

from watch.collection import rounds
from watch.collection.collect import Outcome, collect_source, due_sources
from watch.collection.models import Source


def enqueue_due_sources() -> int:
    """Every few minutes: one task per source that is due, so workers bound the concurrency
    and a slow source only holds its own worker. The tasks share a round that logs one line."""
    now = timezone.now()
    # An expired lease means a worker died mid-fetch: the source is due again.
    ids = list(due_sources(now).unlocked(now).values_list("pk", flat=True))
    if not ids:
        return 0
    round_id = rounds.start(len(ids)).pk
    for source_id in ids:
        async_task("watch.collection.tasks.fetch_source", source_id, round_id, group="watch-fetch")
    return len(ids)


def fetch_source(source_id: int, round_id: int | None = None) -> str:
    source = Source.objects.filter(pk=source_id).first()
    if source is None or not source.active or source.is_paused:
        outcome = Outcome(source_id, source.name if source else "", skipped=True)
        summary = "ignorée"
    else:
        # Queued twice (overlapping rounds)? Then the second task finds it done and not due.
        outcome = collect_source(source, due_only=True)
        summary = outcome.summary()
    if round_id is not None:
        rounds.add(round_id, outcome.counts())
    return summary
