"""The structured facts of a call read from a portal, as stored in `Item.facts` (plain JSON).

Keys (each present only when known): `portal` (source kind), `identifier`, `programme`,
`call_identifier`, `call_title`, `status` (open / forthcoming / closed), `opens_at` and
`deadlines` (ISO date-times in Europe/Paris, every stage), `deadline_model`, `budget` (euros),
`applicants`, `financers`, `aid_types`, `permanent`, `perimeter`.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from watch.collection.dates import PARIS

STAGED_MODELS = ("two-stage", "2-stage")


def build(**values) -> dict:
    """Facts from keyword values, leaving out the empty ones; dates as Europe/Paris ISO text."""
    facts = {}
    for key, value in values.items():
        # Europe/Paris itself, not the active time zone: cheaper per record, and what is stored.
        if isinstance(value, datetime):
            value = value.astimezone(PARIS).isoformat()
        elif isinstance(value, list) and value and isinstance(value[0], datetime):
            value = [when.astimezone(PARIS).isoformat() for when in value]
        if value in (None, "", [], {}, False):
            continue
        facts[key] = value
    return facts


def richness(facts: dict | None) -> int:
    """How much a set of facts says: the number of facts it holds."""
    return len(facts or {})


def deadlines(facts: dict) -> list[datetime]:
    return [datetime.fromisoformat(value) for value in facts.get("deadlines") or []]


def is_staged(facts: dict) -> bool:
    """Two stages (or more): the call page says « 2 étapes » and lists each deadline."""
    model = str(facts.get("deadline_model") or "").lower()
    return model in STAGED_MODELS and len(facts.get("deadlines") or []) > 1


def format_money(amount) -> str:
    return _("%(amount)s €") % {"amount": formats.number_format(round(amount), force_grouping=True)}


def describe(facts: dict) -> list[str]:
    """The facts in short French lines, for the digest and the calendar (not what the item
    already says: its deadline, "sans date limite")."""
    lines = []
    if facts.get("programme"):
        lines.append(_("Programme : %(name)s") % {"name": facts["programme"]})
    if facts.get("identifier") and facts.get("portal") == "eu-funding":  # a topic's reference
        lines.append(_("Référence : %(id)s") % {"id": facts["identifier"]})
    if facts.get("status") == "forthcoming" and facts.get("opens_at"):
        opens = datetime.fromisoformat(facts["opens_at"])
        lines.append(_("Ouvre le %(date)s") % {"date": formats.date_format(opens, "j F Y")})
    if is_staged(facts):
        stages = ", ".join(
            formats.date_format(timezone.localtime(when), "j F Y") for when in deadlines(facts)
        )
        count = len(facts["deadlines"])
        lines.append(
            ngettext("%(n)s étape : %(dates)s", "%(n)s étapes : %(dates)s", count)
            % {"n": count, "dates": stages}
        )
    if facts.get("budget"):
        lines.append(_("Budget : %(amount)s") % {"amount": format_money(facts["budget"])})
    for key, label in (
        ("financers", _("Financeurs")),
        ("aid_types", _("Types d’aide")),
        ("applicants", _("Pour")),
    ):
        if facts.get(key):
            lines.append(f"{label} : {', '.join(facts[key])}")
    return lines


def calendar_deadlines(facts: dict, deadline: datetime, title: str) -> list[tuple]:
    """(uid suffix, date-time, summary) of each calendar event of a call: one per stage of a
    staged call, else one for its deadline."""
    stages = deadlines(facts or {}) if is_staged(facts or {}) else []
    if not stages:
        return [("", deadline, _("Date limite : %(title)s") % {"title": title})]
    return [
        (
            f"-{number}",
            when,
            _("Date limite, étape %(n)s sur %(total)s : %(title)s")
            % {"n": number, "total": len(stages), "title": title},
        )
        for number, when in enumerate(stages, start=1)
    ]
