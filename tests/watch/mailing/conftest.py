"""Fixtures of the subscription and digest tests: themes, a site with e-mail settings."""

import pytest

from hub.models import SiteSettings
from tests.factories import ThemeFactory


@pytest.fixture
def themes(db):
    """Three themes: ecology, digital, Europe."""
    return {
        "ecologie": ThemeFactory(name="Transition écologique", slug="transition-ecologique"),
        "numerique": ThemeFactory(name="Numérique", slug="numerique"),
        "europe": ThemeFactory(name="Europe", slug="europe"),
    }


@pytest.fixture
def site_settings(home):
    """E-mail identity of the site: sender name, reply-to and footer."""
    from wagtail.models import Site

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Passerelles"
    settings.email_from_name = "La veille Passerelles"
    settings.email_reply_to = "veille@passerelles.example"
    settings.email_footer = "Passerelles, cluster des industries culturelles et créatives."
    settings.save()
    return settings


class HoldingHandler:
    """Wraps the sink's handler: from the N-th message on, DATA gets no answer until released.

    A client killed while it waits for that answer never had its message accepted, exactly as
    with a real server.
    """

    def __init__(self, inner, hold_after: int):
        import threading

        self.inner = inner
        self.hold_after = hold_after
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(self, *args):  # noqa: N802
        return await self.inner.handle_RCPT(*args)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import asyncio

        if len(self.inner.messages) >= self.hold_after and not self.released.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.02)
            return "421 4.3.0 Service indisponible, réessayez"
        return await self.inner.handle_DATA(server, session, envelope)


@pytest.fixture
def holding_sink():
    """A real SMTP sink whose answers can be held after N messages (see HoldingHandler)."""
    from aiosmtpd.controller import Controller

    from tests.smtp import SMTPSink

    sink = SMTPSink()

    def hold_after(count: int) -> HoldingHandler:
        sink.holder = HoldingHandler(sink.handler, count)
        sink.controller = Controller(sink.holder, hostname=sink.host, port=sink.port)
        return sink.holder

    sink.hold_after = hold_after
    yield sink
    if getattr(sink, "holder", None):
        sink.holder.released.set()
    try:
        sink.stop()
    except Exception:  # noqa: BLE001, S110 - the sink may not have been started
        pass
