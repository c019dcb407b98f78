"""Funding portals read through their JSON APIs, beside feeds and pages.

One module per portal (`eu_funding`, `aides_territoires`) turns API pages into the same `Record`s
as `parse.py`; `read.py` pages through an API with the watch's one HTTP module (`fetch.py`, so the
SSRF guard, size cap and deadline apply to every request) and `facts.py` holds the structured
facts a call carries (identifier, programme, status, deadlines, budget…). Nothing here touches
the database: reading runs in the fetching threads.
"""

PORTAL_KINDS = ("eu-funding", "aides-territoires")


def is_portal(kind: str) -> bool:
    return kind in PORTAL_KINDS
