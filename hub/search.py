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
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connection
from wagtail.models import Page
from wagtail.search.models import IndexEntry

MAX_QUERY_LENGTH = 200  # characters of a visitor's query that are searched
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

    def __init__(
        self,
        queryset,
        query: str,
        *,
        filter_tokens: TokenFilter | None = None,
        page_models=None,
    ):
        self.queryset = queryset
        # With filter tokens (see resources.filter_tokens), the search index itself says which
        # pages the queryset allows: no join with the queryset, only the pages of `page_models`.
        self.filter_tokens = filter_tokens
        self.page_models = page_models
        self.query = query
        self.terms = fts_terms(query)
        self.sqlite = uses_sqlite_fts()
        # Our own SQL on SQLite (FTS5) and PostgreSQL; Wagtail's search API elsewhere.
        self.raw_sql = self.sqlite or connection.vendor == "postgresql"

    # --- SQL over the search index Wagtail keeps in step ----------------------------------
    def _match_expression(self) -> str:
        words = " AND ".join(f'"{term}"' for term in self.terms)
        if self.filter_tokens is None:
            return words
        required, excluded = self.filter_tokens.fts5(column="autocomplete")
        expression = f"{words} AND {required}" if required else words
        return f"({expression}) NOT {excluded}" if excluded else expression

    def _allowed_sql(self) -> tuple[str, list]:
        types = f"e.content_type_id IN ({_page_type_ids_sql(self.page_models)})"
        if self.filter_tokens is not None:
            return types, []
        inner_sql, inner_params = self.queryset.order_by().values("pk").query.sql_with_params()
        return f"{types} AND CAST(e.object_id AS INTEGER) IN ({inner_sql})", list(inner_params)

    def _matches_sql(self) -> tuple[str, str, list]:
        """(FROM … WHERE …, rank expression, params) selecting the allowed matching pages."""
        table = IndexEntry._meta.db_table
        allowed, allowed_params = self._allowed_sql()
        if self.sqlite:
            weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
            return (
                f"FROM {table}_fts f JOIN {table} e ON e.id = f.rowid "
                f"WHERE {table}_fts MATCH %s AND {allowed}",
                f"bm25({table}_fts, {weights})",  # lower is better
                [self._match_expression(), *allowed_params],
            )
        # PostgreSQL: the GIN indexes on title and body (and autocomplete, for the filter
        # tokens) find the matches; ranking reads only them.
        tokens, token_params = "", []
        if self.filter_tokens is not None:
            tokens = "AND e.autocomplete @@ to_tsquery('simple', %s) "
            token_params = [self.filter_tokens.tsquery()]
        return (
            f"FROM {table} e, plainto_tsquery(%s::regconfig, %s) q "
            f"WHERE (e.title @@ q OR e.body @@ q) {tokens}AND {allowed}",
            "-(ts_rank(e.title, q) * 4 + ts_rank(e.body, q))",
            [_search_config(), " ".join(self.terms), *token_params, *allowed_params],
        )

    @cached_property
    def _ranked(self) -> tuple[list[int], int]:
        """(ids best first, bounded; number of matches), from one statement."""
        if not self.terms:
            return [], 0
        if not self.raw_sql:
            results = self.queryset.search(self.query, operator="and")
            return [page.pk for page in results[: settings.SEARCH_MAX_RANKED]], results.count()
        from_where, rank, params = self._matches_sql()
        # The window count is taken over every match before LIMIT: the exact total comes with
        # the ranking instead of a second pass over the index. (Materialised because FTS5's
        # bm25() may not sit in the same SELECT as a window function.)
        # Only our own SQL fragments are formatted in; the visitor's words go in as parameters.
        sql = (
            f"WITH m AS MATERIALIZED (SELECT CAST(e.object_id AS INTEGER) AS page_id, "  # noqa: S608
            f"e.id AS entry_id, {rank} AS rank {from_where}) "
            "SELECT page_id, COUNT(*) OVER () FROM m ORDER BY rank, entry_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, settings.SEARCH_MAX_RANKED])
            rows = cursor.fetchall()
        return [row[0] for row in rows], (rows[0][1] if rows else 0)

    @property
    def total(self) -> int:
        """The exact number of matches, beyond the bound too."""
        return self._ranked[1]

    @property
    def ranked_ids(self) -> list[int]:
        """Ids of the matching pages, best first (bounded like the results)."""
        return self._ranked[0]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.ranked_ids)

    def __len__(self) -> int:
        return len(self.ranked_ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ranked_ids[index]
        pages = Page.objects.filter(pk__in=ids).specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in ids if pk in by_id]


def _search_config() -> str:
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def _page_type_ids_sql(models=None) -> str:
    """Content type ids of `models` (every page model by default), as a literal SQL list."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    models = models or get_page_models()
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    return ", ".join(str(int(pk)) for pk in ids) or "NULL"


@dataclass
class TokenFilter:
    """Pages carrying every token of `all_of`, one of each group of `any_of`, none of `none_of`."""

    all_of: list[str] = field(default_factory=list)
    any_of: list[list[str]] = field(default_factory=list)
    none_of: list[str] = field(default_factory=list)

    def fts5(self, column: str) -> tuple[str, str]:
        """(what to AND with the words, what to NOT) as SQLite FTS5 expressions on `column`."""
        groups = [_quoted(token) for token in self.all_of]
        groups += [
            "(" + " OR ".join(_quoted(token) for token in group) + ")" for group in self.any_of
        ]
        required = f"{column} : (" + " AND ".join(groups) + ")" if groups else ""
        excluded = ""
        if self.none_of:
            excluded = f"{column} : (" + " OR ".join(_quoted(t) for t in self.none_of) + ")"
        return required, excluded

    def tsquery(self) -> str:
        """The same filter as a PostgreSQL tsquery text (for to_tsquery('simple', …))."""
        parts = [_quoted_ts(token) for token in self.all_of]
        parts += [
            "(" + " | ".join(_quoted_ts(token) for token in group) + ")" for group in self.any_of
        ]
        parts += [f"!{_quoted_ts(token)}" for token in self.none_of]
        return " & ".join(parts)


def _quoted(token: str) -> str:
    return f'"{_checked(token)}"'


def _quoted_ts(token: str) -> str:
    return f"'{_checked(token)}'"


def _checked(token: str) -> str:
    # Tokens are built here from ids, paths and choice values: never from a visitor's input.
    if not token.isalnum() or not token.isascii():
        raise ValueError(f"not a filter token: {token!r}")
    return token.lower()
