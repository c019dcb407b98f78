"""Models of the watch: sources and collected items (collection), subscribers and digests (mailing).

Each concern lives in its own module; import them here so Django finds every model.
"""

from .digests import Digest, DigestEntry, OutboxMessage  # noqa: E402, F401
from .items import Item  # noqa: E402, F401
from .pages import CallsIndexPage, NewsIndexPage  # noqa: E402, F401
from .rounds import FetchRound  # noqa: E402, F401
from .sources import Source  # noqa: E402, F401
from .subscribers import Subscriber, SubscriptionPage  # noqa: E402, F401
