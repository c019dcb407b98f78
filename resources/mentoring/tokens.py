"""Signed, salted, expiring links: a mentor or mentee answers, evaluates, prints, without login.

Each purpose has its own salt, so a link made for one (e.g. answering) opens nothing else.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from resources.mentoring.choices import Role
from resources.mentoring.models import Pairing

SALTS = {
    "pairing": "passerelles.mentoring.pairing",
    "attestation": "passerelles.mentoring.attestation",
}
MAX_AGES = {
    # An answer is expected within weeks; each new e-mail carries a fresh link.
    "pairing": timedelta(days=60),
    # An attestation is kept for a CV or an appraisal interview.
    "attestation": timedelta(days=5 * 365),
}
URL_NAMES = {"pairing": "mentoring_pairing", "attestation": "mentoring_attestation"}


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def make_token(pairing: Pairing, role: str, purpose: str = "pairing") -> str:
    return signing.dumps({"p": str(pairing.uuid), "r": role}, salt=SALTS[purpose], compress=True)


def read_token(token: str, purpose: str = "pairing") -> tuple[Pairing, str]:
    """The pairing and the role (mentor or mentee) a token names, or TokenExpired/TokenInvalid."""
    try:
        value = signing.loads(token, salt=SALTS[purpose], max_age=MAX_AGES[purpose])
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(value, dict) or value.get("r") not in Role.values:
        raise TokenInvalid
    try:
        pairing = (
            Pairing.objects.select_related("mentor", "mentee", "programme")
            .filter(uuid=value.get("p"))
            .first()
        )
    except ValidationError as error:  # well signed but not a uuid: never issued by us
        raise TokenInvalid from error
    if pairing is None:
        raise TokenInvalid
    return pairing, value["r"]


def path(pairing: Pairing, role: str, purpose: str = "pairing") -> str:
    return reverse(URL_NAMES[purpose], kwargs={"token": make_token(pairing, role, purpose)})


def link(pairing: Pairing, role: str, purpose: str = "pairing") -> str:
    """The absolute link, for e-mails."""
    return settings.SITE_URL + path(pairing, role, purpose)
