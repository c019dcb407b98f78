"""axe-core finds nothing, of any impact, on every public page at both widths and on the admin
screens we add; the Nu Html Checker finds no error in any public page."""

import pytest

from tests.browser.conftest import describe
from tests.browser.sweep import ADMIN_SCREENS, PUBLIC_PAGES, WIDTHS, visited

# The marker makes pytest-django create the test database, which the sweep fills and empties.
# One worker visits the demo for every test here (`--dist loadgroup`): it loads once per run.
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("demo_sweep")]


@pytest.fixture(scope="module")
def html_errors(demo_sweep, html_checker, tmp_path_factory):
    """The checker's errors per page, from one run over every page served (one JVM start)."""
    directory = tmp_path_factory.mktemp("pages")
    documents = []
    for (name, width), visit in demo_sweep.visits.items():
        if width == "desktop" and name in PUBLIC_PAGES and visit.html:
            document = directory / f"{name}.html"
            document.write_text(visit.html)
            documents.append(document)
    return html_checker(documents)


def axe_violations(demo_sweep, name, width) -> list[dict]:
    visit = visited(demo_sweep, name, width)
    if visit.violations is None:
        pytest.skip("axe-core is not installed (npm ci): accessibility checks skipped")
    return visit.violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(demo_sweep, name, width):
    violations = axe_violations(demo_sweep, name, width)
    assert not violations, f"{demo_sweep.visits[name, width].url}:\n{describe(violations)}"


@pytest.mark.parametrize("name", ADMIN_SCREENS)
def test_admin_screen_has_no_axe_violation(demo_sweep, name):
    violations = axe_violations(demo_sweep, name, "desktop")
    assert not violations, f"{demo_sweep.visits[name, 'desktop'].url}:\n{describe(violations)}"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_valid_html(demo_sweep, html_errors, name):
    visit = visited(demo_sweep, name, "desktop")
    assert not html_errors.get(f"{name}.html"), f"{visit.url}: {html_errors[f'{name}.html']}"


def test_the_page_list_covers_every_page_type_of_the_demo(demo_sweep):
    assert set(demo_sweep.tree_types) <= set(PUBLIC_PAGES), (
        f"page types the sweep never visits: {set(demo_sweep.tree_types) - set(PUBLIC_PAGES)}"
    )
