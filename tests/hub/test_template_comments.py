"""Django's `{# … #}` comments end on their own line: one spread over two lines is not a comment
but text, printed on the page (as the home page once showed its cache note to every visitor)."""

import re
from pathlib import Path

from django.conf import settings

ROOTS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]


def test_no_template_has_a_one_line_comment_spread_over_several_lines():
    offending = []
    for root in ROOTS:
        for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.txt")):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                # Every {# on a line must be closed on that same line.
                if re.search(r"\{#(?![^\n]*#\})", line):
                    offending.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert offending == [], "use {% comment %} for comments of several lines"
