"""French dates and deadlines: "15 janvier 2027 à midi", "1er février 2027", "28/02/2027"…

Pure functions (no database): they run in the parsing processes. A date without a time, read as a
deadline, means the end of that day in Paris; read as a publication date, its start.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3, "mar": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip
DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# A time after a date: "à midi", "à 17h00", "17 h 30", "12:00", ", 17h", "avant minuit".
_TIME = (
    r"(?:\s*(?:,|-|–|—)?\s*(?:a|avant|jusqu'a|jusqu’a|des)?\s*"
    r"(?P<time>midi|minuit|(?P<hour>[01]?\d|2[0-3])\s*(?:h|:)\s*(?P<minute>[0-5]\d)?(?!\d)))?"
)
_WORDY = (
    r"(?:" + DAYS + r"\s+)?(?P<day>[0-3]?\d)(?:er|e)?\s+(?P<month>" + _MONTH_RE + r")\.?"
    r"(?:\s+(?P<year>\d{4}))?"
)
_NUMERIC = (
    r"(?P<nday>[0-3]?\d)\s*[/.-]\s*(?P<nmonth>[01]?\d)\s*[/.-]\s*(?P<nyear>\d{4}|\d{2})(?!\d)"
)
_ISO = (
    r"(?P<iyear>\d{4})-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)"
    r"(?:[Tt ](?P<ihour>\d{2}):(?P<iminute>\d{2}))?"
)
DATE_RE = re.compile(r"(?<![\w/.-])(?:" + _ISO + "|" + _NUMERIC + "|" + _WORDY + ")" + _TIME)

# Words that introduce a deadline.
CUES = [
    r"date\s+limite",
    r"date\s+de\s+cl[oô]ture",
    r"cl[oô]ture",
    r"cl[oô]tur[ée]e?s?\s+le",
    r"avant\s+le",
    r"au\s+plus\s+tard\s+le",
    r"au\s+plus\s+tard",
    r"jusqu['’]\s*au",
    r"jusqu['’]\s*[aà]",
    r"d[ée]p[oô]t\s+des\s+(?:dossiers|candidatures|projets)",
    r"fin\s+des\s+(?:candidatures|inscriptions|d[ée]p[oô]ts)",
    r"limite\s+de\s+d[ée]p[oô]t",
    r"[ée]ch[ée]ance",
    r"deadline",
    r"candidatures?\s+(?:ouvertes?\s+)?jusqu['’]\s*au",
]
CUE_RE = re.compile("|".join(CUES))
# What may sit between a cue and its date: words, but no end of sentence.
_GAP_END = re.compile(r"[;!?\n]|\.\s")
PERMANENT_RE = re.compile(
    r"au\s+fil\s+de\s+l['’]eau|sans\s+date\s+limite|d[ée]p[oô]t\s+permanent|dispositif\s+permanent"
    r"|appel\s+permanent|ouvert\s+toute\s+l['’]ann[ée]e|en\s+continu|pas\s+de\s+date\s+limite",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    """A deadline found in a text: a moment, or a permanent scheme, or nothing."""

    at: datetime | None = None
    permanent: bool = False


# Same result as hub.models.taxonomy.fold, without its per-character Python loop on Latin text:
# below U+0483 the only combining marks are these of U+0300-U+036F, removed by one pattern.
_LATIN_MARKS = re.compile(
    "["
    + "".join(chr(code) for code in range(0x300, 0x370) if unicodedata.combining(chr(code)))
    + "]"
)
_BEYOND_LATIN = re.compile("[^\\x00-\\u0482]")


def _fold(text: str) -> str:
    """Lower-case and strip accents (as hub's `fold`, much faster on Latin text)."""
    if text.isascii():
        return text.lower()
    folded = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    if _BEYOND_LATIN.search(folded):
        return "".join(char for char in folded if not unicodedata.combining(char))
    return folded


def _normalise(text: str) -> str:
    # Folding keeps string length for French text (one base letter per accented letter), so
    # positions found in the folded text still point into the original.
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _fold(text)


def _year(value: str | None, month: int, day: int, now: datetime | None) -> int | None:
    if value:
        year = int(value)
        return year + 2000 if year < 100 else year
    if now is None:
        return None
    # "jusqu'au 15 janvier": the next such day from now.
    today = now.astimezone(PARIS).date()
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        return None
    return today.year if candidate >= today - timedelta(days=31) else today.year + 1


def _from_match(match: re.Match, *, end_of_day: bool, now: datetime | None) -> datetime | None:
    groups = match.groupdict()
    hour = minute = None
    second = 0
    if groups["iyear"]:
        year, month, day = int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"])
        if groups["ihour"]:
            hour, minute = int(groups["ihour"]), int(groups["iminute"])
    elif groups["nyear"]:
        day, month = int(groups["nday"]), int(groups["nmonth"])
        year = _year(groups["nyear"], month, day, now)
    else:
        day, month = int(groups["day"]), MONTHS[groups["month"]]
        year = _year(groups["year"], month, day, now)
    if year is None:
        return None
    if groups["time"]:
        if groups["time"] == "midi":
            hour, minute = 12, 0
        elif groups["time"] == "minuit":
            hour, minute, second = 23, 59, 59
        else:
            hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= 2100:
        return None
    if hour is None:
        moment = time(23, 59, 59) if end_of_day else time(0, 0)
    else:
        moment = time(hour, minute, second)
    return datetime.combine(day_value, moment, tzinfo=PARIS)


def parse_date(
    text: str, *, end_of_day: bool = False, now: datetime | None = None
) -> datetime | None:
    """The first French date in `text` (with its time, if any), as an aware datetime in Paris."""
    if not text:
        return None
    folded = _normalise(text)
    for match in DATE_RE.finditer(folded):
        value = _from_match(match, end_of_day=end_of_day, now=now)
        if value is not None:
            return value
    return None


def parse_feed_date(text: str, *, now: datetime | None = None) -> datetime | None:
    """A feed's date as written: RFC 822 (RSS), ISO 8601 (Atom), else a French date.

    RFC 822 and ISO dates without a time zone are read in UTC (as feedparser reads them).
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        value = None
    if value is not None:
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return parse_date(text, now=now)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def find_deadline(text: str, *, now: datetime | None = None) -> Deadline:
    """The deadline announced in a free text: after a cue ("date limite", "jusqu'au"…)."""
    if not text:
        return Deadline()
    folded = _normalise(text)
    for cue in CUE_RE.finditer(folded):
        match = DATE_RE.search(folded, cue.end(), cue.end() + 90)
        if match is None or match.start() - cue.end() > 60:
            continue
        if _GAP_END.search(folded, cue.end(), match.start()):
            continue
        value = _from_match(match, end_of_day=True, now=now)
        if value is not None:
            return Deadline(at=value)
    if PERMANENT_RE.search(folded):
        return Deadline(permanent=True)
    return Deadline()


def parse_deadline_field(text: str, *, now: datetime | None = None) -> Deadline:
    """A text that *is* a deadline (a page's deadline cell): any date in it, or a permanent cue."""
    if not text:
        return Deadline()
    found = find_deadline(text, now=now)
    if found.at or found.permanent:
        return found
    value = parse_date(text, end_of_day=True, now=now)
    return Deadline(at=value) if value else Deadline()
