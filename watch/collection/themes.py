"""Themes of an item: the taxonomy's keywords found in its text, plus its source's defaults.

Import-light (no models at import time): parsing processes use `match_themes()`.
"""

import re

from watch.collection.dates import _fold

ThemePatterns = list[tuple[int, re.Pattern]]


def theme_patterns() -> ThemePatterns:
    """Every theme with keywords, compiled once per round (one query)."""
    from hub.models import Theme

    patterns = []
    for theme in Theme.objects.only("id", "keywords"):
        pattern = theme.keyword_pattern()
        if pattern is not None:
            patterns.append((theme.pk, pattern))
    return patterns


def match_themes(text: str, patterns: ThemePatterns) -> set[int]:
    """Ids of the themes whose keywords appear in `text` (whole words, any case or accent)."""
    folded = _fold(text or "")
    return {theme_id for theme_id, pattern in patterns if pattern.search(folded)}
