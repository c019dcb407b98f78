"""An e-mail whose encoded Subject decodes exactly as written.

Django 5.2 encodes a non-ASCII Subject without counting the header's name, so the generator
folds it with an empty first line: "Subject: \\r\\n =?utf-8?q?…?=", which mail clients decode with a
leading space. Encoding it knowing its name, then letting the generator fold between the
encoded words, keeps the first line full and the decoded text exact (watch.mailing.mime does the
same for digests).
"""

from email.header import Header

from django.core.mail import EmailMultiAlternatives


def encoded_subject(subject: str) -> str:
    """RFC 2047 encoded words on one line; the generator folds them between words."""
    return " ".join(Header(subject, "utf-8", header_name="Subject").encode().split())


class FoldedSubjectEmail(EmailMultiAlternatives):
    def message(self, *args, **kwargs):
        message = super().message(*args, **kwargs)
        if not self.subject.isascii():
            message.replace_header("Subject", encoded_subject(self.subject))
        return message
