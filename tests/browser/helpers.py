"""What the flows share: waiting for an e-mail, following its links, moving with the keyboard."""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.smtp import html_part

MAIL_TIMEOUT = 15


def wait_for_mail(sink, address: str, count: int = 1, subject: str = ""):
    """The `count`-th message to `address` (optionally with `subject` in it), once it arrived."""
    deadline = time.monotonic() + MAIL_TIMEOUT
    while time.monotonic() < deadline:
        messages = [m for m in sink.to(address) if subject in str(m["Subject"])]
        if len(messages) >= count:
            return messages[count - 1]
        time.sleep(0.1)
    received = [(str(m["To"]), str(m["Subject"])) for m in sink.messages]
    raise AssertionError(f"no message #{count} to {address} ({subject!r}); received {received}")


def link_path(message, pattern: str) -> str:
    """Path and query of the first link of the HTML part matching `pattern` (a regex)."""
    for href in re.findall(r'href="([^"]+)"', html_part(message)):
        href = href.replace("&amp;", "&")
        if re.search(pattern, href):
            parts = urlsplit(href)
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(f"no link matching {pattern!r} in {message['Subject']!r}")


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def wait_for_focus(page, element_id: str) -> None:
    """Wait until the element with this id has the focus (moved there by the page's script)."""
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=element_id
    )


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never received the focus after {limit} Tab presses")


def save_mail_html(messages, directory: Path, prefix: str) -> list[Path]:
    """Write the HTML part of each message to a file, for the Nu Html Checker."""
    paths = []
    for number, message in enumerate(messages, start=1):
        path = directory / f"{prefix}-{number}.html"
        path.write_text(html_part(message))
        paths.append(path)
    return paths
