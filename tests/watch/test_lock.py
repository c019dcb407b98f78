"""The per-source lease under real concurrency (PostgreSQL): a source is never fetched twice."""

import threading

import pytest
from django.db import connection

from tests.watch.factories import SourceFactory
from watch.collection.collect import claim


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_workers_claiming_one_source_at_once_only_one_wins():
    source = SourceFactory()
    barrier = threading.Barrier(8)
    wins = []

    def worker():
        barrier.wait()
        try:
            wins.append(claim(source.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1 and wins.count(False) == 7
