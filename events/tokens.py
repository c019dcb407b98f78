"""Signed, expiring links that let a person see or cancel their registration without a login."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.models.registrations import Registration

# Its own salt: a token signed for another purpose (e.g. a newsletter link) is refused here.
SALT = "passerelles.events.registration-cancel"


def max_age() -> timedelta:
    return timedelta(days=settings.EVENTS_CANCEL_LINK_MAX_AGE_DAYS)


def make_token(registration: Registration) -> str:
    return signing.dumps(str(registration.uuid), salt=SALT, compress=True)


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def registration_for_token(token: str) -> Registration:
    """The registration a token names; TokenExpired / TokenInvalid otherwise."""
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    registration = (
        Registration.objects.select_related("event", "event__venue").filter(uuid=value).first()
    )
    if registration is None:
        # Anonymised registrations get a new uuid, so their old links die with the data.
        raise TokenInvalid
    return registration


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events_registration", kwargs={"token": make_token(registration)}
    )


def cancel_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events_registration_cancel", kwargs={"token": make_token(registration)}
    )
