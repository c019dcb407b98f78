"""Models of the mailing: subscribers and their page, digests, their entries and the outbox."""

from .digests import Digest, DigestEntry, OutboxMessage  # noqa: F401
from .subscribers import Subscriber, SubscriptionPage  # noqa: F401
