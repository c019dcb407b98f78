"""Each public page type at 1280 and 375 px, as a visitor sees it: nothing makes the page scroll
sideways, no box covers a sibling in the main content, every image loads."""

import pytest

from tests.browser.sweep import PUBLIC_PAGES, WIDTHS, visited

# The marker makes pytest-django create the test database, which the sweep fills and empties.
# One worker visits the demo for every test here (`--dist loadgroup`): it loads once per run.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("demo_sweep")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_page_fits_the_screen_without_overlaps_or_broken_images(demo_sweep, name, width):
    visit = visited(demo_sweep, name, width)
    # Reflow (WCAG 1.4.10): the innermost elements sticking out of the viewport.
    assert not visit.overflow, f"{visit.url} is wider than the screen: {visit.overflow}"
    assert not visit.overlaps, f"{visit.url}: boxes cover one another: {visit.overlaps}"
    assert not visit.broken_images, f"{visit.url}: images not loaded: {visit.broken_images}"
