"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives, parsed."""

import email
import socket
import threading
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SinkHandler:
    """Accepts every message; `refuse` maps a recipient to an SMTP reply to give instead."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes = []
        self.refuse: dict[str, str] = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class SMTPSink:
    def __init__(self):
        self.handler = SinkHandler()
        self.port = free_port()
        self.host = "127.0.0.1"
        self.controller = Controller(self.handler, hostname=self.host, port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
