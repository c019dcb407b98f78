"""The demo site swept once in a real browser: every public page type and the admin screens we add.

One browser context visits each URL at each width and keeps what the checks need (layout
problems, axe violations, the HTML served); the tests then assert page by page. Visiting once keeps
the run short on a loaded machine; asserting page by page names the page that fails.
"""

import os
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command

from tests.browser.conftest import CHROMIUM_CONTEXT, DESKTOP, MOBILE, run_axe, save_screenshot

WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
# Generous: the first visit of a page makes its image renditions, on a machine shared by many.
NAVIGATION_TIMEOUT = 120_000
ADMIN_PASSWORD = "balayage des pages"  # noqa: S105 - a test account on a test server

# Every public page type of the demo, and the pages reached from e-mails or the header: the tests
# are parametrised over these names, so a name that finds no demo page fails instead of vanishing.
PUBLIC_PAGES = (
    "home-page",
    "standard-page",
    "resource-index-page",
    "resource-index-filtered",
    "guide-page",
    "training-programme-page",
    "support-scheme-page",
    "directory-page",
    "mentoring-programme-page",
    "mentoring-mesh-page",
    "agenda-page",
    "event-cycle-page",
    "event-page",
    "registration",
    "registration-cancel",
    "calls-index-page",
    "news-index-page",
    "digest-archive",
    "digest-archived",
    "subscription-page",
    "digest-subscribe",
    "digest-confirm",
    "digest-confirmed",
    "digest-preferences",
    "digest-unsubscribe",
    "search-results",
    "not-found",
    "workspace-page",
    "account-login",
    "account-login-code",
    "account-signup",
    "account-password-reset",
    "home-page-en",
    "guide-page-en",
)
ENGLISH_PAGES = {"home-page-en": "hub.HomePage", "guide-page-en": "resources.GuidePage"}

# The admin screens this project adds (lists, and one object of each), at desktop width.
ADMIN_SCREENS = (
    "watch-sources",
    "watch-source",
    "watch-queue",
    "watch-item",
    "digests",
    "digest-sending",
    "digest-edit",
    "subscribers",
    "outbox",
    "outbox-message",
    "registrations-overview",
    "event-registrations",
    "registrations",
    "mentoring-overview",
    "mentoring-board",
    "mentoring-applications",
    "mentoring-application-inspect",
    "membership-queue",
    "membership-request",
    "workspaces",
)
# Views of our own (not Wagtail viewsets): checked against every rule, Wagtail's chrome included.
OWN_ADMIN_VIEWS = {
    "digest-sending",
    "registrations-overview",
    "event-registrations",
    "mentoring-overview",
    "mentoring-board",
}

# Layout problems a visitor would see, measured after every image was asked for (lazy ones too):
# the page scrolling sideways (with the innermost culprits), visible sibling boxes that cover one
# another inside the main content, images that did not load.
LAYOUT_PROBLEMS = """async () => {
    const images = [...document.images];
    images.forEach(img => { img.loading = "eager"; });
    await Promise.race([
        Promise.all(images.map(img => img.complete ? null : new Promise(done => {
            img.addEventListener("load", done, {once: true});
            img.addEventListener("error", done, {once: true});
        }))),
        new Promise(done => setTimeout(done, 30000)),
    ]);
    const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + [...el.classList].map(c => "." + c).join("");
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth <= width ? [] :
        [...document.body.querySelectorAll("*")]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .filter(el => ![...el.children].some(
                child => child.getBoundingClientRect().right > width + 1))
            .slice(0, 5).map(name);
    // Boxes that may legitimately overlap a sibling, or have no box of their own: hidden,
    // out of the flow (decorations, badges), floated (text wraps around them), inline (a line
    // box spans the lines it wraps over), visually hidden texts, the skip link.
    const skipped = el => {
        const style = getComputedStyle(el);
        if (["none", "contents", "inline"].includes(style.display)) return true;
        if (style.visibility === "hidden" || style.float !== "none") return true;
        if (["absolute", "fixed"].includes(style.position)) return true;
        if (el.matches(".visually-hidden, .skip-link, [hidden]")) return true;
        const box = el.getBoundingClientRect();
        return box.width < 2 || box.height < 2;
    };
    const overlaps = [];
    const main = document.querySelector("main");
    const containers = main ? [main, ...main.querySelectorAll("*")] : [];
    for (const parent of containers) {
        if (parent instanceof SVGElement || parent.children.length < 2) continue;
        const boxes = [...parent.children].filter(el => !skipped(el))
            .map(el => [el, el.getBoundingClientRect()]);
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                const [a, ra] = boxes[i], [b, rb] = boxes[j];
                const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                if (across > 1 && down > 1) {
                    overlaps.push(`${name(parent)} > ${name(a)} × ${name(b)}`);
                }
            }
        }
    }
    const broken = images.filter(img => !(img.complete && img.naturalWidth > 0))
        .map(img => img.currentSrc || img.getAttribute("src"));
    return {overflow, overlaps: overlaps.slice(0, 10), broken};
}"""


@dataclass
class Visit:
    """What one page showed at one width."""

    url: str
    status: int = 0
    error: str = ""
    html: str = ""
    overflow: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    violations: list[dict] | None = None


@dataclass
class Sweep:
    """Every visit, by (name, width); the names that found no page, with the reason."""

    visits: dict[tuple[str, str], Visit] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    tree_types: list[str] = field(default_factory=list)


def page_type_name(page) -> str:
    """`GuidePage` → `guide-page`, as the screenshots are named."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type(page).__name__).lower()


def french_pages():
    """The live public pages of the demo tree, in French (the default language)."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        pages = pages.filter(locale__language_code=settings.LANGUAGE_CODE)
    return pages


def tree_page_urls() -> dict[str, str]:
    """The first live public page of each type in the demo tree, in French."""
    urls: dict[str, str] = {}
    for page in french_pages():
        urls.setdefault(page_type_name(page), page.url)
    return urls


def public_urls(missing: dict[str, str]) -> dict[str, str]:
    """A URL for each name of PUBLIC_PAGES; the reason in `missing` for any without one."""
    from django.apps import apps
    from django.urls import reverse
    from django.utils import timezone

    from events import booking
    from events import tokens as event_tokens
    from events.models import EventPage
    from hub.models import Theme
    from resources.choices import ResourceKind
    from resources.models import GuidePage
    from watch.mailing import tokens as watch_tokens
    from watch.mailing.models import Digest, Subscriber

    urls = tree_page_urls()
    if "resource-index-page" in urls and Theme.objects.exists():
        theme = Theme.objects.order_by("pk").first()
        urls["resource-index-filtered"] = (
            f"{urls['resource-index-page']}?type={ResourceKind.values[0]}&theme={theme.slug}"
        )
    # The guide of the list is the richest one (sections, table, FAQ, documents).
    guides = GuidePage.objects.live().filter(pk__in=[page.pk for page in french_pages()])
    guide = max(guides, key=lambda page: len(page.body), default=None)
    if guide:
        urls["guide-page"] = guide.url
    # The event page of the list is one with its registration form open.
    event = (
        EventPage.objects.live()
        .filter(start__gt=timezone.now(), registration_mode="open")
        .order_by("start")
        .first()
    )
    if event:
        urls["event-page"] = event.url
        visitor = booking.Applicant(name="Camille Martin", email="camille.sweep@example.org")
        # Notified: the confirmation goes through the outbox, whose admin screens are swept.
        token = event_tokens.make_token(booking.register(event, visitor))
        urls["registration"] = reverse("events_registration", args=[token])
        urls["registration-cancel"] = reverse("events_registration_cancel", args=[token])
    urls["digest-subscribe"] = reverse("mailing:subscribe")
    urls["digest-archive"] = reverse("mailing:digest_archive")
    digest = Digest.objects.filter(status=Digest.Status.SENT).order_by("-pk").first()
    if digest:
        urls["digest-archived"] = reverse("mailing:digest_archive_detail", args=[digest.pk])
    active = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).first()
    if active:
        for purpose in ("preferences", "unsubscribe"):
            token = watch_tokens.make_token(active, purpose)
            urls[f"digest-{purpose}"] = reverse(f"mailing:{purpose}", args=[token])
        token = watch_tokens.make_token(active, "confirm")
        urls["digest-confirmed"] = reverse("mailing:confirm", args=[token])
    pending = Subscriber.objects.create(email="dominique.sweep@example.org")
    token = watch_tokens.make_token(pending, "confirm")
    urls["digest-confirm"] = reverse("mailing:confirm", args=[token])
    urls["search-results"] = reverse("search") + "?q=transition"
    urls["not-found"] = "/cette-page-n-existe-pas/"
    for name, url_name in (
        ("account-login", "account_login"),
        ("account-login-code", "account_request_login_code"),
        ("account-signup", "account_signup"),
        ("account-password-reset", "account_reset_password"),
    ):
        urls[name] = reverse(url_name)
    for name, model in ENGLISH_PAGES.items():
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            missing[name] = "this branch has no English version (WAGTAIL_I18N_ENABLED is off)"
            continue
        english = apps.get_model(model).objects.live().filter(locale__language_code="en").first()
        if english:
            urls[name] = english.url
    for name in PUBLIC_PAGES:
        if name not in urls:
            missing.setdefault(name, "the demo has no such page")
    return {name: urls[name] for name in PUBLIC_PAGES if name in urls}


def admin_urls(missing: dict[str, str]) -> dict[str, str]:
    """A URL for each name of ADMIN_SCREENS; the reason in `missing` for any without one."""
    from django.urls import reverse

    from events.models import EventPage, Registration
    from hub.models import OutgoingEmail
    from members.models import MemberProfile
    from resources.mentoring.models import Application, MentoringProgrammePage
    from watch.collection.models import Item, Source
    from watch.mailing.models import Digest

    def first(model, **filters):
        return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()

    def draft():
        from watch.mailing.choices import Rhythm
        from watch.mailing.digests import build_draft

        return build_draft(Rhythm.WEEKLY).pk

    lists = {
        "watch-sources": "wagtailsnippets_watch_source:list",
        "watch-queue": "wagtailsnippets_watch_item:list",
        "digests": "watch_digests:index",
        "subscribers": "watch_subscribers:index",
        "outbox": "wagtailsnippets_hub_outgoingemail:list",
        "registrations-overview": "events_registrations_overview",
        "registrations": "events_registrations:index",
        "mentoring-overview": "mentoring_overview",
        "mentoring-applications": "mentoring_applications:index",
        "membership-queue": "wagtailsnippets_members_memberprofile:list",
        "workspaces": "wagtailsnippets_members_workspace:list",
    }
    objects = {
        "watch-source": ("wagtailsnippets_watch_source:edit", first(Source)),
        "watch-item": ("wagtailsnippets_watch_item:edit", first(Item)),
        "digest-sending": ("watch_digests:control", first(Digest, status=Digest.Status.SENT)),
        # The edit form itself: a sent digest no longer changes (its edit address redirects to
        # the sending screen with a message), so a draft, made here when the demo has none.
        "digest-edit": ("watch_digests:edit", first(Digest, status=Digest.Status.DRAFT) or draft()),
        "outbox-message": ("wagtailsnippets_hub_outgoingemail:inspect", first(OutgoingEmail)),
        "event-registrations": (
            "events_event_registrations",
            first(EventPage, pk__in=Registration.objects.values("event")),
        ),
        "mentoring-board": ("mentoring_board", first(MentoringProgrammePage)),
        "mentoring-application-inspect": ("mentoring_applications:inspect", first(Application)),
        "membership-request": (
            "wagtailsnippets_members_memberprofile:inspect",
            first(MemberProfile, status=MemberProfile.Status.PENDING),
        ),
    }
    urls = {name: reverse(url_name) for name, url_name in lists.items()}
    for name, (url_name, pk) in objects.items():
        if pk is None:
            missing[name] = "the demo has no such object"
        else:
            urls[name] = reverse(url_name, args=[pk])
    return {name: urls[name] for name in ADMIN_SCREENS if name in urls}


def restore_rows_created_by_migrations() -> None:
    """Transactional tests run before flush the tables, migration data included."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def visit(tab, url: str, width: str, axe_source: str | None, *, admin: bool = False) -> Visit:
    """Load `url` at `width` and look at it; an exception becomes the visit's error."""
    record = Visit(url)
    try:
        tab.set_viewport_size(WIDTHS[width])
        response = tab.goto(url, wait_until="load", timeout=NAVIGATION_TIMEOUT)
        record.status = response.status
        record.html = response.text()
        problems = tab.evaluate(LAYOUT_PROBLEMS)
        record.overflow = problems["overflow"]
        record.overlaps = problems["overlaps"]
        record.broken_images = problems["broken"]
        if axe_source is not None:
            record.violations = run_axe(tab, axe_source, every_rule=True, admin=admin)
    except Exception as error:  # noqa: BLE001 - reported by the test of this page
        record.error = f"{type(error).__name__}: {error}"
    return record


def run(browser, axe_source: str | None, base_url: str) -> Sweep:
    """Load the demo, visit every page and admin screen, then empty the database again."""
    from django.contrib.auth import get_user_model

    sweep = Sweep()
    restore_rows_created_by_migrations()
    call_command("load_demo", "--no-user", stdout=open(os.devnull, "w"))  # noqa: SIM115
    sweep.tree_types = list(tree_page_urls())
    public = public_urls(sweep.missing)
    admin = admin_urls(sweep.missing)
    get_user_model().objects.create_superuser("balayage", "balayage@sweep.test", ADMIN_PASSWORD)
    context = browser.new_context(**CHROMIUM_CONTEXT)
    tab = context.new_page()
    tab.set_default_timeout(NAVIGATION_TIMEOUT)
    try:
        for name, path in public.items():
            for width in WIDTHS:
                sweep.visits[name, width] = visit(tab, base_url + path, width, axe_source)
                save_screenshot(tab, f"{name}-{width}")
        tab.set_viewport_size(DESKTOP)
        tab.goto(base_url + "/admin/login/")
        tab.locator("#id_username").fill("balayage")
        tab.locator("#id_password").fill(ADMIN_PASSWORD)
        tab.locator("form [type=submit]").click()
        tab.wait_for_url(re.compile(r"/admin/$"))
        for name, path in admin.items():
            sweep.visits[name, "desktop"] = visit(
                tab, base_url + path, "desktop", axe_source, admin=name not in OWN_ADMIN_VIEWS
            )
    finally:
        context.close()
    return sweep


def visited(sweep: Sweep, name: str, width: str) -> Visit:
    """The visit of `name` at `width`, once it loaded with the status expected; else the test
    fails (or, for the English pages of a French-only branch, is skipped saying why)."""
    import pytest

    if name in sweep.missing:
        reason = f"{name}: {sweep.missing[name]}"
        if name in ENGLISH_PAGES and not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            pytest.skip(reason)
        pytest.fail(reason)
    record = sweep.visits[name, width]
    assert not record.error, f"{record.url}: {record.error}"
    expected = 404 if name == "not-found" else 200
    assert record.status == expected, f"{record.url} answered {record.status}"
    return record
