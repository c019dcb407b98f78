"""Canonical links: how the watch knows two addresses are one call."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from watch.collection.dedupe import canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://ec.europa.eu/info/topic/crea-cult-2027-coop", None),  # already canonical
        ("HTTPS://EC.Europa.EU/info/topic/", "https://ec.europa.eu/info/topic"),
        ("https://example.org:443//a//b/", "https://example.org/a/b"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a?utm_source=x&b=2&a=1#top", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a?fbclid=1", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
        ("  https://example.org/appel \n", "https://example.org/appel"),
        ("https://example.org./a", "https://example.org/a"),
    ],
)
def test_the_same_address_written_differently_is_one_address(url, canonical):
    assert canonical_url(url) == (canonical or url)


# Spaces only at the edges matter (stripped); inside an address they are not valid anyway.
LETTER = st.characters(codec="utf-8", exclude_characters="/?#", exclude_categories=("Zs", "Cc"))
SEGMENT = st.text(LETTER, min_size=1, max_size=8)
HOST = st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9.-]{0,12}[a-zA-Z0-9.]", fullmatch=True)


@given(
    scheme=st.sampled_from(["http", "https", "HTTP"]),
    host=HOST,
    segments=st.lists(SEGMENT, min_size=0, max_size=4),
    trailing=st.booleans(),
)
@example(scheme="http", host="Example.org", segments=["appel"], trailing=False)
@example(scheme="HTTP", host="example.org", segments=["appel"], trailing=False)
@example(scheme="https", host="example.org.", segments=["appel"], trailing=False)
@example(scheme="https", host="example.org", segments=["appel"], trailing=True)
def test_an_address_in_canonical_form_takes_the_short_way_to_the_same_answer(
    scheme, host, segments, trailing
):
    """The short way (no parsing for an address already canonical) must never disagree with
    the full one: an empty query ("?") forces the full way and changes nothing else."""
    url = f"{scheme}://{host}/" + "/".join(segments) + ("/" if trailing else "")
    assert canonical_url(url) == canonical_url(url + "?")
    assert canonical_url(canonical_url(url)) == canonical_url(url)
