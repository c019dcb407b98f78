"""The sign-up form's round trip, shared by the subscription page and the standalone form.

A POST is validated, rate limited, recorded (unless a bot filled the honeypot) and answered by a
redirect; everyone gets the same answer, whether the address is new, pending or subscribed.
"""

from dataclasses import dataclass

from django.conf import settings

from hub.ratelimit import over_limit
from watch.mailing import subscriptions
from watch.mailing.forms import SUBMITTED_FLAG, SubscriptionForm


@dataclass
class Answer:
    """What the view shows: the form (with its errors), a status, or where to redirect."""

    form: SubscriptionForm
    status: int = 200
    rate_limited: bool = False
    redirect_to: str = ""


def rate_limited(request) -> bool:
    """True once a visitor (IP) has posted the form too often in the window."""
    return over_limit(
        request,
        "watch-subscribe",
        limit=settings.WATCH_SUBSCRIBE_LIMIT,
        window=settings.WATCH_SUBSCRIBE_WINDOW,
    )


def answer(request) -> Answer:
    """GET: a blank form. POST: the form's errors, or the sign-up recorded and a redirect."""
    if request.method != "POST":
        return Answer(SubscriptionForm())
    form = SubscriptionForm(request.POST)
    if rate_limited(request):
        form.is_valid()  # the fields keep what was typed
        return Answer(form, status=429, rate_limited=True)
    if not form.is_valid():
        return Answer(form, status=400)
    if not form.cleaned_data["website"]:
        subscriptions.subscribe(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            themes=form.cleaned_data["themes"],
            kinds=form.cleaned_data["kinds"],
            rhythm=form.cleaned_data["rhythm"],
            source=request.POST.get("source") or request.build_absolute_uri(),
        )
    # Post/redirect/get: a reload does not post twice.
    return Answer(form, redirect_to=f"{request.path}?{SUBMITTED_FLAG}=1#abonnement")
