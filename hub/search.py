"""Full-text search over pages, ranked, whose cost does not explode with the number of matches.

Wagtail's database backend on SQLite ranks with a correlated subquery per match: its cost grows
with the square of the matches (64 s at 10,000 pages). Here, on SQLite, we ask the FTS5 index
that Wagtail keeps in step for the ranked ids directly (`ORDER BY bm25(...)`, one query, bounded
by SEARCH_MAX_RANKED), restricted in SQL to the pages the caller's queryset allows. On
PostgreSQL we query the tsvector columns of the same index (French configuration, GIN indexes)
with `ts_rank`, in one statement: Wagtail's own PostgreSQL query read every index entry
(250 ms at 10,000 pages). Other databases fall back to Wagtail's search API.
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
        # Our own SQL on SQLite (FTS5) and PostgreSQL; Wagtail's search API elsewhere.
        self.raw_sql = self.sqlite or connection.vendor == "postgresql"

    # --- SQL over the search index Wagtail keeps in step ----------------------------------
    def _match_expression(self) -> str:
        return " AND ".join(f'"{term}"' for term in self.terms)

    def _filtered_sql(self) -> tuple[str, tuple]:
        return self.queryset.order_by().values("pk").query.sql_with_params()

    def _matches_sql(self) -> tuple[str, str, list]:
        """(FROM … WHERE …, rank expression, params) selecting the allowed matching pages."""
        table = IndexEntry._meta.db_table
        inner_sql, inner_params = self._filtered_sql()
        allowed = (
            f"e.content_type_id IN ({_page_type_ids_sql()}) "
            f"AND CAST(e.object_id AS INTEGER) IN ({inner_sql})"
        )
        if self.sqlite:
            weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
            return (
                f"FROM {table}_fts f JOIN {table} e ON e.id = f.rowid "
                f"WHERE {table}_fts MATCH %s AND {allowed}",
                f"bm25({table}_fts, {weights})",  # lower is better
                [self._match_expression(), *inner_params],
            )
        # PostgreSQL: the GIN indexes on title and body find the matches; ranking reads only them.
        return (
            f"FROM {table} e, plainto_tsquery(%s::regconfig, %s) q "
            f"WHERE (e.title @@ q OR e.body @@ q) AND {allowed}",
            "-(ts_rank(e.title, q) * 4 + ts_rank(e.body, q))",
            [_search_config(), " ".join(self.terms), *inner_params],
        )

    @cached_property
    def _ranked_ids(self) -> list[int]:
        if not self.terms:
            return []
        if not self.raw_sql:
            results = self.queryset.search(self.query, operator="and")
            return [page.pk for page in results[: settings.SEARCH_MAX_RANKED]]
        from_where, rank, params = self._matches_sql()
        sql = f"SELECT CAST(e.object_id AS INTEGER) {from_where} ORDER BY {rank}, e.id LIMIT %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, settings.SEARCH_MAX_RANKED])
            return [row[0] for row in cursor.fetchall()]

    @cached_property
    def total(self) -> int:
        if not self.terms:
            return 0
        if len(self._ranked_ids) < settings.SEARCH_MAX_RANKED:
            return len(self._ranked_ids)
        return self.count_matches()

    def count_matches(self) -> int:
        """Count every match in one query, even below the bound (a constant query count)."""
        if not self.terms:
            return 0
        if not self.raw_sql:
            return self.queryset.search(self.query, operator="and").count()
        from_where, _rank, params = self._matches_sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {from_where}", params)  # noqa: S608
            return cursor.fetchone()[0]

    @property
    def ranked_ids(self) -> list[int]:
        """Ids of the matching pages, best first (bounded like the results)."""
        return self._ranked_ids

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


def _search_config() -> str:
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def _page_type_ids_sql() -> str:
    """Content type ids of every page model, as a literal SQL list (ids are integers)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    ids = [ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values()]
    return ", ".join(str(int(pk)) for pk in ids) or "NULL"
