"""The matching score, as a table: each row says what an editor would see for one pair."""

from dataclasses import replace
from datetime import date

import pytest

from resources.mentoring.matching import Profile, rank, score

NEIGHBOURS = {("Puy-de-Dôme", "Allier"), ("Allier", "Puy-de-Dôme")}
SEEKER = Profile(
    id=1,
    structure="Compagnie des Volcans",
    email="ines@volcans.test",
    domains=frozenset({"Paie", "Tournée"}),
    sectors=frozenset({"Spectacle vivant"}),
    territory="Puy-de-Dôme",
    hours=4,
)


def mentor(**fields) -> Profile:
    base = dict(
        id=2,
        structure="Le Fil",
        email="paul@fil.test",
        domains=frozenset({"Paie"}),
        territory="Cantal",
        hours=2,
        remaining=1,
    )
    return replace(Profile(**base), **fields)


CASES = [
    # (case, mentor, points, reasons shown, exclusion[, changes to the seeker])
    ("one domain, far, short on time, last place", mentor(), 3,
     ["domaines en commun : Paie (+3)", "autre territoire (Cantal)",
      "disponibilité plus courte : 2 h/mois pour 4 h demandées", "dernière place disponible"], ""),
    ("two domains count twice", mentor(domains=frozenset({"Paie", "Tournée", "Europe"})), 6,
     ["domaines en commun : Paie, Tournée (+6)"], ""),
    ("same territory", mentor(territory="Puy-de-Dôme"), 6,
     ["même territoire (Puy-de-Dôme) (+3)"], ""),
    ("neighbouring territory", mentor(territory="Allier"), 5,
     ["territoire voisin (Allier) (+2)"], ""),
    ("shared sector", mentor(sectors=frozenset({"Spectacle vivant", "Musique"})), 4,
     ["filières en commun : Spectacle vivant (+1)"], ""),
    ("enough hours", mentor(hours=4), 5,
     ["disponibilité suffisante : 4 h/mois pour 4 h demandées (+2)"], ""),
    ("room for more", mentor(remaining=3), 4, ["peut encore accompagner 3 personnes (+1)"], ""),
    ("everything", mentor(domains=frozenset({"Paie", "Tournée"}), territory="Puy-de-Dôme",
                          sectors=frozenset({"Spectacle vivant"}), hours=6, remaining=2),
     13, [], ""),
    ("no shared domain", mentor(domains=frozenset({"Europe"})), 0, [], "aucun domaine en commun"),
    ("no room left", mentor(remaining=0), 0, [], "capacité atteinte"),
    ("same structure, other spelling", mentor(structure="compagnie des volcans"), 0, [],
     "même structure"),
    ("same person", mentor(email="ines@volcans.test"), 0, [], "même personne"),
    ("on site against remote", mentor(format="remote"), 0, [],
     "l’un veut se rencontrer sur place, l’autre à distance", {"format": "on_site"}),
    ("periods apart", mentor(available_until=date(2026, 12, 31)), 0, [],
     "périodes de disponibilité sans recouvrement", {"available_from": date(2027, 1, 1)}),
    ("periods overlap", mentor(available_until=date(2027, 3, 31)), 3, [], "",
     {"available_from": date(2027, 1, 1)}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mentor_profile", "points", "shown", "excluded", "seeker_changes"),
    [(*case[1:], {})[:5] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_score_table(mentor_profile, points, shown, excluded, seeker_changes):
    result = score(replace(SEEKER, **seeker_changes), mentor_profile, NEIGHBOURS)
    assert result.excluded == excluded
    assert result.points == points
    lines = [f"{r.text} (+{r.points})" if r.points else r.text for r in result.reasons]
    for expected in shown:
        assert expected in lines, lines
    assert result.points == sum(reason.points for reason in result.reasons)


def test_rank_puts_the_best_first_and_leaves_out_the_excluded_and_skipped():
    near = mentor(id=3, territory="Puy-de-Dôme")
    far = mentor(id=4)
    full = mentor(id=5, remaining=0, territory="Puy-de-Dôme")
    already = mentor(id=6, territory="Puy-de-Dôme", hours=8)
    ranked = rank(SEEKER, [far, full, near, already], NEIGHBOURS, skip=frozenset({6}))
    assert [candidate.mentor.id for candidate in ranked] == [3, 4]
