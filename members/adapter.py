"""allauth's e-mails leave through members.emails, in French and framed like the site's."""

import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string

from members import emails

# allauth's messages with their own French HTML version in templates/account/email/.
STYLED = {
    "email_confirmation",
    "email_confirmation_signup",
    "password_reset_key",
    "login_code",
    "unknown_account",
    "account_already_exists",
}


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        context = {
            **emails.base_context(),
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        # The HTML frame's <title>.
        context["subject"] = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        message = self.render_mail(template_prefix, email, context)
        name = template_prefix.rsplit("/", 1)[-1]
        if name not in STYLED:
            # Any other allauth message (all in French) still gets the site's frame.
            message = emails.compose(
                email, message.subject, "email/members/plain", {"body": message.body}
            )
        digest = hashlib.sha256(message.body.encode()).hexdigest()[:24]
        emails.deliver(message, key=f"members:account:{name}:{digest}", category="members.account")
