"""The registration rate limit keys on the visitor, also behind the nginx of docs/deploy.md."""

import pytest

from tests.events.conftest import form_data, register_path
from tests.events.factories import add_event

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx on the same host: every request reaches Django from here


def _post(client, event, number: int, forwarded_for: str | None = None) -> int:
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    data = form_data(email=f"p{number}@example.org")
    return client.post(register_path(event), data, **headers).status_code


@pytest.fixture
def event(cycle, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 600)
    return add_event(cycle, capacity=50)


def test_without_trusted_proxy_a_forged_header_does_not_escape_the_limit(client, event, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert [_post(client, event, n, forwarded_for=f"10.0.0.{n}") for n in range(3)] == [
        302,
        302,
        429,
    ]


def test_behind_one_proxy_two_visitors_share_no_limit(client, event, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert [_post(client, event, n, forwarded_for="203.0.113.7") for n in range(3)] == [
        302,
        302,
        429,
    ]
    # Another visitor through the same proxy is not blocked by the first one's attempts.
    assert _post(client, event, 10, forwarded_for="198.51.100.20") == 302


def test_behind_one_proxy_a_forged_left_value_does_not_escape_the_limit(client, event, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends the real address to what the client sent: only the right-most one counts.
    statuses = [_post(client, event, n, forwarded_for=f"10.9.9.{n}, 203.0.113.7") for n in range(3)]
    assert statuses == [302, 302, 429]


def test_behind_one_proxy_a_missing_or_bad_header_falls_back_to_the_proxy_address(
    client, event, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    assert _post(client, event, 0) == 302
    assert _post(client, event, 1, forwarded_for="not-an-address") == 302
    assert _post(client, event, 2) == 429  # all three counted against REMOTE_ADDR
