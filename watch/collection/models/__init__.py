"""Models of the collection: sources, fetch rounds, collected items and the public listing pages."""

from .items import Item  # noqa: F401
from .pages import CallsIndexPage, NewsIndexPage  # noqa: F401
from .rounds import FetchRound  # noqa: F401
from .sources import Source  # noqa: F401
