"""Who could mentor whom: a transparent score, each point with the reason an editor reads.

`score` is pure (plain records in, points and reasons out) so its rules are tested as a table;
`load_profiles` reads any number of applications in a constant number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db.models import Count
from django.utils.translation import get_language, gettext, gettext_noop

from hub.models.taxonomy import fold
from resources.mentoring.choices import OPEN_PAIRING_STATES, Format
from resources.mentoring.models import Application, Pairing, TerritoryNeighbours

POINTS_PER_DOMAIN = 3
SAME_TERRITORY = 3
NEIGHBOUR_TERRITORY = 2
POINTS_PER_SECTOR = 1
MAX_SECTOR_POINTS = 2
ENOUGH_HOURS = 2
ROOM_FOR_MORE = 1  # the mentor can still take two people or more: spreads the load

# Every sentence of the score, translated once per language (gettext per pair would be most
# of the time spent ranking thousands of mentors).
TEXTS = {
    "same_person": gettext_noop("même personne"),
    "same_structure": gettext_noop("même structure"),
    "no_domain": gettext_noop("aucun domaine en commun"),
    "full": gettext_noop("capacité atteinte"),
    "formats": gettext_noop("l’un veut se rencontrer sur place, l’autre à distance"),
    "periods": gettext_noop("périodes de disponibilité sans recouvrement"),
    "domains": gettext_noop("domaines en commun : %(names)s"),
    "same_territory": gettext_noop("même territoire (%(name)s)"),
    "neighbour": gettext_noop("territoire voisin (%(name)s)"),
    "other_territory": gettext_noop("autre territoire (%(name)s)"),
    "sectors": gettext_noop("filières en commun : %(names)s"),
    "enough_hours": gettext_noop(
        "disponibilité suffisante : %(offered)d h/mois pour %(asked)d h demandées"
    ),
    "short_hours": gettext_noop(
        "disponibilité plus courte : %(offered)d h/mois pour %(asked)d h demandées"
    ),
    "room": gettext_noop("peut encore accompagner %(count)d personnes"),
    "last_place": gettext_noop("dernière place disponible"),
}


@lru_cache(maxsize=8)
def _texts(language: str | None) -> dict[str, str]:
    return {key: gettext(text) for key, text in TEXTS.items()}


@lru_cache(maxsize=65536)
def _structure_key(name: str) -> str:
    return fold(name).strip()


@dataclass(frozen=True)
class Profile:
    """What the score reads of an application (names, not ids: reasons quote them)."""

    id: int
    name: str = ""
    structure: str = ""
    role: str = ""
    email: str = ""
    domains: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    territory: str = ""
    hours: int = 1
    format: str = Format.EITHER
    available_from: date | None = None
    available_until: date | None = None
    remaining: int = 1  # mentors: places left in their capacity


@dataclass(frozen=True)
class Reason:
    text: str
    points: int = 0


@dataclass(frozen=True)
class Score:
    points: int = 0
    reasons: tuple[Reason, ...] = ()
    excluded: str = ""  # why this mentor cannot be proposed, if they cannot
    shared_domains: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Candidate:
    mentor: Profile
    score: Score


def _formats_meet(a: str, b: str) -> bool:
    return Format.EITHER in (a, b) or a == b


def _periods_overlap(a: Profile, b: Profile) -> bool:
    start = max(filter(None, (a.available_from, b.available_from)), default=None)
    end = min(filter(None, (a.available_until, b.available_until)), default=None)
    return start is None or end is None or start <= end


def _exclusion(seeker: Profile, mentor: Profile, shared: frozenset[str]) -> str:
    key = ""
    if seeker.id == mentor.id or (seeker.email and seeker.email == mentor.email):
        key = "same_person"
    elif seeker.structure and _structure_key(seeker.structure) == _structure_key(mentor.structure):
        key = "same_structure"
    elif not shared:
        key = "no_domain"
    elif mentor.remaining <= 0:
        key = "full"
    elif not _formats_meet(seeker.format, mentor.format):
        key = "formats"
    elif not _periods_overlap(seeker, mentor):
        key = "periods"
    return _texts(get_language())[key] if key else ""


def score(seeker: Profile, mentor: Profile, neighbours: set[tuple[str, str]]) -> Score:
    """How well `mentor` fits `seeker`; `neighbours` holds (territory, territory) pairs."""
    shared = seeker.domains & mentor.domains
    excluded = _exclusion(seeker, mentor, shared)
    if excluded:
        return Score(excluded=excluded, shared_domains=shared)
    texts = _texts(get_language())
    reasons = [
        Reason(
            texts["domains"] % {"names": ", ".join(sorted(shared))},
            POINTS_PER_DOMAIN * len(shared),
        )
    ]
    if seeker.territory and seeker.territory == mentor.territory:
        reasons.append(Reason(texts["same_territory"] % {"name": mentor.territory}, SAME_TERRITORY))
    elif (seeker.territory, mentor.territory) in neighbours:
        reasons.append(
            Reason(
                texts["neighbour"] % {"name": mentor.territory},
                NEIGHBOUR_TERRITORY,
            )
        )
    elif mentor.territory:
        reasons.append(Reason(texts["other_territory"] % {"name": mentor.territory}))
    sectors = seeker.sectors & mentor.sectors
    if sectors:
        reasons.append(
            Reason(
                texts["sectors"] % {"names": ", ".join(sorted(sectors))},
                min(MAX_SECTOR_POINTS, POINTS_PER_SECTOR * len(sectors)),
            )
        )
    hours = {"offered": mentor.hours, "asked": seeker.hours}
    if mentor.hours >= seeker.hours:
        reasons.append(
            Reason(
                texts["enough_hours"] % hours,
                ENOUGH_HOURS,
            )
        )
    else:
        reasons.append(Reason(texts["short_hours"] % hours))
    if mentor.remaining >= 2:
        reasons.append(
            Reason(
                texts["room"] % {"count": mentor.remaining},
                ROOM_FOR_MORE,
            )
        )
    else:
        reasons.append(Reason(texts["last_place"]))
    return Score(
        points=sum(reason.points for reason in reasons),
        reasons=tuple(reasons),
        shared_domains=shared,
    )


def rank(
    seeker: Profile,
    mentors: list[Profile],
    neighbours: set[tuple[str, str]],
    skip: frozenset[int] = frozenset(),
) -> list[Candidate]:
    """Mentors who can be proposed to `seeker`, best first (ties: the earliest application)."""
    candidates = []
    for mentor in mentors:
        if mentor.id in skip:
            continue
        result = score(seeker, mentor, neighbours)
        if not result.excluded:
            candidates.append(Candidate(mentor, result))
    candidates.sort(key=lambda candidate: (-candidate.score.points, candidate.mentor.id))
    return candidates


def load_profiles(applications, *, as_mentors: bool = False) -> list[Profile]:
    """Profiles of a queryset of applications in three queries (four for mentors), whatever
    their number."""
    rows = applications.order_by("pk").values(
        "id",
        "name",
        "structure",
        "role",
        "email",
        "territory__name",
        "hours_per_month",
        "format",
        "available_from",
        "available_until",
        "capacity",
    )
    ids = applications.values("pk")
    # Places taken, in their own query: a GROUP BY over every column above would sort them all.
    taken: dict[int, int] = {}
    if as_mentors:
        taken = dict(
            Pairing.objects.filter(mentor__in=ids, state__in=OPEN_PAIRING_STATES)
            .order_by()
            .values("mentor_id")
            .annotate(n=Count("pk"))
            .values_list("mentor_id", "n")
        )
    domains: dict[int, set[str]] = {}
    for pk, name in Application.domains.through.objects.filter(application__in=ids).values_list(
        "application_id", "expertisedomain__name"
    ):
        domains.setdefault(pk, set()).add(name)
    sectors: dict[int, set[str]] = {}
    for pk, name in Application.sectors.through.objects.filter(application__in=ids).values_list(
        "application_id", "sector__name"
    ):
        sectors.setdefault(pk, set()).add(name)
    return [
        Profile(
            id=row["id"],
            name=row["name"],
            structure=row["structure"],
            role=row["role"],
            email=row["email"].casefold(),
            domains=frozenset(domains.get(row["id"], ())),
            sectors=frozenset(sectors.get(row["id"], ())),
            territory=row["territory__name"] or "",
            hours=row["hours_per_month"],
            format=row["format"],
            available_from=row["available_from"],
            available_until=row["available_until"],
            remaining=row["capacity"] - taken.get(row["id"], 0),
        )
        for row in rows
    ]


def territory_neighbours() -> set[tuple[str, str]]:
    """Neighbouring territories by name, both ways, in one query."""
    pairs = set()
    for a, b in TerritoryNeighbours.objects.values_list("territory__name", "neighbour__name"):
        pairs.update({(a, b), (b, a)})
    return pairs


def already_paired(programme_id: int) -> dict[int, frozenset[int]]:
    """Per seeker, the mentors already proposed to them (whatever came of it): not again."""
    pairs: dict[int, set[int]] = {}
    for mentee, mentor in Pairing.objects.filter(programme_id=programme_id).values_list(
        "mentee_id", "mentor_id"
    ):
        pairs.setdefault(mentee, set()).add(mentor)
    return {mentee: frozenset(mentors) for mentee, mentors in pairs.items()}


def candidates_for(seeker: Application, limit: int | None = None) -> list[Candidate]:
    """Ranked mentors of the seeker's programme, in a constant number of queries."""
    [profile] = load_profiles(Application.objects.filter(pk=seeker.pk))
    mentors = load_profiles(
        Application.objects.mentors().filter(programme_id=seeker.programme_id), as_mentors=True
    )
    skip = already_paired(seeker.programme_id).get(seeker.pk, frozenset())
    return rank(profile, mentors, territory_neighbours(), skip)[:limit]


def board(programme_id: int, per_seeker: int = 5) -> list[tuple[Profile, list[Candidate]]]:
    """Every seeker not in an open pairing, with their best candidates: constant queries."""
    seekers = load_profiles(
        Application.objects.seekers()
        .filter(programme_id=programme_id)
        .exclude(pairings_as_mentee__state__in=OPEN_PAIRING_STATES)
    )
    mentors = load_profiles(
        Application.objects.mentors().filter(programme_id=programme_id), as_mentors=True
    )
    neighbours = territory_neighbours()
    paired = already_paired(programme_id)
    return [
        (seeker, rank(seeker, mentors, neighbours, paired.get(seeker.id, frozenset()))[:per_seeker])
        for seeker in seekers
    ]
