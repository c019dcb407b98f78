"""Filter tokens: what a search of the resource index filters on, written into the search index.

Searching the index with facets used to rank every page matching the words and only then keep
those the facets allow: at 10,000 resources, a word found in most of them meant ranking 9,000
rows and joining them to the pages (the largest cost of the index page). Each resource page
now also indexes short tokens for its state, place and taxonomy, in the search index's
autocomplete field (weight 0 in the ranking, `simple` configuration on PostgreSQL, so the tokens
are neither stemmed nor scored). One full-text query then finds the pages that match the words
*and* the filters, and ranks only those.

    zqlive1                       the page is live
    zqp0001 zqp00010002 …         its path and every ancestor's (under an index page, outside
                                  a restricted subtree)
    zqkguide1                     its resource type
    zqt12 zqa3 zqs4 zqr7          its themes, audiences, sectors, territories

Kept in step by Wagtail's indexing on save, and re-indexed by `resources.entries` after a
publication (the taxonomy is saved after Wagtail indexes the page), an unpublication or a move.
"""

from __future__ import annotations

PREFIX = "zq"
LIVE = f"{PREFIX}live1"
STEP = 4  # Wagtail's tree paths grow by four characters per level
TAXONOMY_LETTERS = {"themes": "t", "audiences": "a", "sectors": "s", "territories": "r"}
TAXONOMY_FIELDS = tuple(TAXONOMY_LETTERS)  # a resource page's four taxonomy fields


def kind_token(kind: str) -> str:
    return f"{PREFIX}k{kind}1"


def term_token(field_name: str, pk: int) -> str:
    return f"{PREFIX}{TAXONOMY_LETTERS[field_name]}{pk}"


def path_token(path: str) -> str:
    """The token of a subtree: every page at or below `path` carries it."""
    return f"{PREFIX}p{path.lower()}"


def page_tokens(page) -> str:
    """The tokens of a resource page, space-separated (its `search_filter_tokens`)."""
    tokens = [LIVE] if page.live else []
    tokens += [path_token(page.path[:end]) for end in range(STEP, len(page.path) + 1, STEP)]
    tokens.append(kind_token(page.resource_kind))
    for field_name in TAXONOMY_LETTERS:
        tokens += [term_token(field_name, term.pk) for term in getattr(page, field_name).all()]
    return " ".join(tokens)
