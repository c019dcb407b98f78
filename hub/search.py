"""Full-text search over pages, ranked, whose cost does not explode with the number of matches.

Wagtail's database backend on SQLite ranks with a correlated subquery per match: its cost grows
with the square of the matches (64 s at 10,000 pages). Here, on SQLite, we ask the FTS5 index
that Wagtail keeps in step for the ranked ids directly (`ORDER BY bm25(...)`, one query, bounded
by SEARCH_MAX_RANKED), restricted in SQL to the pages the caller's queryset allows. On PostgreSQL
we use Wagtail's own full-text backend (French configuration), which ranks in the same query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.db import connection
from wagtail.models import Page
from wagtail.search.models import IndexEntry

WORD = re.compile(r"\w+", re.UNICODE)
# FTS5 columns are (autocomplete, body, title): weigh a title hit above a body hit.
BM25_WEIGHTS = (0.0, 1.0, 4.0)


def fts_terms(query: str) -> list[str]:
    """The words of a user's query, safe to put in an FTS5 MATCH expression."""
    return [word for word in WORD.findall(query.lower()) if len(word) > 1 or word.isdigit()]


def uses_sqlite_fts() -> bool:
    return connection.vendor == "sqlite" and _fts_table_exists()


_fts_exists: dict[str, bool] = {}


def _fts_table_exists() -> bool:
    alias = connection.settings_dict["NAME"]
    if alias not in _fts_exists:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE name = %s", [IndexEntry._meta.db_table + "_fts"]
            )
            _fts_exists[str(alias)] = cursor.fetchone() is not None
    return _fts_exists[str(alias)]


class PageSearchResults(Sequence):
    """Ranked search results over a page queryset, sliceable by Django's Paginator.

    `len()` is the number of pages the paginator may walk (bounded on SQLite), `total` the exact
    number of matches, `truncated` whether ranking stopped at the bound.
    """

    def __init__(self, queryset, query: str, *, specific: bool = True):
        self.queryset = queryset
        self.query = query
        self.specific = specific
        self.terms = fts_terms(query)
        self.sqlite = uses_sqlite_fts()

    # --- SQLite FTS5 ------------------------------------------------------------------------
    def _match_expression(self) -> str:
        return " AND ".join(f'"{term}"' for term in self.terms)

    def _filtered_sql(self) -> tuple[str, tuple]:
        return self.queryset.order_by().values("pk").query.sql_with_params()

    @cached_property
    def _ranked_ids(self) -> list[int]:
        if not self.terms:
            return []
        if not self.sqlite:
            results = self.queryset.search(self.query, operator="and")
            return [page.pk for page in results[: settings.SEARCH_MAX_RANKED]]
        table = IndexEntry._meta.db_table
        inner_sql, inner_params = self._filtered_sql()
        weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {table}_fts f "  # noqa: S608
            f"JOIN {table} e ON e.id = f.rowid "
            f"WHERE {table}_fts MATCH %s AND e.content_type_id IN ({_page_type_ids_sql()}) "
            f"AND CAST(e.object_id AS INTEGER) IN ({inner_sql}) "
            f"ORDER BY bm25({table}_fts, {weights}) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [self._match_expression(), *inner_params, settings.SEARCH_MAX_RANKED]
            )
            return [row[0] for row in cursor.fetchall()]

    @cached_property
    def total(self) -> int:
        if not self.terms:
            return 0
        if len(self._ranked_ids) < settings.SEARCH_MAX_RANKED:
            return len(self._ranked_ids)
        if not self.sqlite:
            return self.queryset.search(self.query, operator="and").count()
        table = IndexEntry._meta.db_table
        inner_sql, inner_params = self._filtered_sql()
        sql = (
            f"SELECT COUNT(*) FROM {table}_fts f JOIN {table} e ON e.id = f.rowid "  # noqa: S608
            f"WHERE {table}_fts MATCH %s AND e.content_type_id IN ({_page_type_ids_sql()}) "
            f"AND CAST(e.object_id AS INTEGER) IN ({inner_sql})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._match_expression(), *inner_params])
            return cursor.fetchone()[0]

    @property
    def truncated(self) -> bool:
        return self.total > len(self._ranked_ids)

    def __len__(self) -> int:
        return len(self._ranked_ids)

    def count(self) -> int:
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self._ranked_ids[index]
        pages = Page.objects.filter(pk__in=ids)
        if self.specific:
            pages = pages.specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]


def _page_type_ids_sql() -> str:
    """Content type ids of every page model, as a literal SQL list (ids are integers)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    ids = [ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values()]
    return ", ".join(str(int(pk)) for pk in ids) or "NULL"
