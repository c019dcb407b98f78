"""French dates and deadlines, table-driven."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from watch.collection.dates import find_deadline, parse_date, parse_deadline_field

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=PARIS)


def at(year, month, day, hour=23, minute=59, second=59):
    return datetime(year, month, day, hour, minute, second if (hour, minute) == (23, 59) else 0,
                    tzinfo=PARIS)  # fmt: skip


DEADLINES = [
    # Wordy dates after a cue.
    ("Date limite : 15 janvier 2027", at(2027, 1, 15)),
    ("Date limite de candidature : 15 janvier 2027 à midi.", at(2027, 1, 15, 12, 0)),
    ("Clôture des candidatures le 31 janvier 2027.", at(2027, 1, 31)),
    ("Clôture : 08/01/2027", at(2027, 1, 8)),
    ("clôture le 1er février 2027", at(2027, 2, 1)),
    ("Dépôt des dossiers avant le 28/02/2027.", at(2027, 2, 28)),
    ("Date limite : 5 mars 2027, 17h00 (heure de Bruxelles).", at(2027, 3, 5, 17, 0)),
    ("Candidatures jusqu'au 15 septembre 2026.", at(2026, 9, 15)),
    ("Candidatures jusqu’au 15 septembre 2026.", at(2026, 9, 15)),
    ("Date limite de dépôt : 10 décembre 2026.", at(2026, 12, 10)),
    ("à envoyer au plus tard le vendredi 22 janvier 2027", at(2027, 1, 22)),
    ("Au plus tard le 22/01/2027 à 12:00", at(2027, 1, 22, 12, 0)),
    ("avant le 2027-02-26", at(2027, 2, 26)),
    ("Dépôt des candidatures : 3 mai 2027 à 18h45", at(2027, 5, 3, 18, 45)),
    ("DATE LIMITE : 12 AVRIL 2027", at(2027, 4, 12)),
    ("date limite 12 avr. 2027", at(2027, 4, 12)),
    ("Clôture le 30 juin 2027 à 17 h", at(2027, 6, 30, 17, 0)),
    ("Clôture le 30 juin 2027 à 17 h 30", at(2027, 6, 30, 17, 30)),
    ("clôture : 30.06.2027", at(2027, 6, 30)),
    ("jusqu'au 2 août 2027 minuit", at(2027, 8, 2)),
    ("Fin des candidatures le 9 juillet 2027", at(2027, 7, 9)),
    ("Échéance : 1er mars 2027", at(2027, 3, 1)),
    ("Deadline: 15/03/2027", at(2027, 3, 15)),
    ("date limite : 15/02/27", at(2027, 2, 15)),
    ("date\u00a0limite\u00a0: 15\u00a0janvier\u00a02027", at(2027, 1, 15)),
    ("Date limite de candidature : lundi 4 janvier 2027, 12:00", at(2027, 1, 4, 12, 0)),
    ("Date de clôture : 2027-01-20T18:00", at(2027, 1, 20, 18, 0)),
    # Without a year: the next such day.
    ("Candidatures jusqu'au 15 janvier", at(2027, 1, 15)),
    ("date limite : 1er décembre", at(2026, 12, 1)),
    # A date with no cue is not a deadline; a publication date is not one either.
    ("Publié le 12 novembre 2026, une nouvelle aide.", None),
    ("Le festival a lieu du 3 au 5 juillet 2027.", None),
    ("", None),
    ("Clôture : 31 février 2027", None),
]
PERMANENT = [
    "Dispositif permanent, sans date limite.",
    "Dépôt au fil de l'eau",
    "Les demandes sont instruites au fil de l’eau.",
    "Dépôt permanent des dossiers",
    "Appel permanent, ouvert toute l'année",
    "pas de date limite",
]
FIELDS = [
    ("vendredi 22 janvier 2027", at(2027, 1, 22)),
    ("1er février 2027", at(2027, 2, 1)),
    ("2027-02-26", at(2027, 2, 26)),
    ("15/02/2027", at(2027, 2, 15)),
    ("Clôture : 08/01/2027", at(2027, 1, 8)),
    ("15 janvier 2027 à midi", at(2027, 1, 15, 12, 0)),
    ("le 5 mars 2027 à 17h00", at(2027, 3, 5, 17, 0)),
    ("à venir", None),
]
PUBLICATION = [
    ("mardi 17 novembre 2026", datetime(2026, 11, 17, tzinfo=PARIS)),
    ("Publié le 12/11/2026", datetime(2026, 11, 12, tzinfo=PARIS)),
    ("2026-11-03", datetime(2026, 11, 3, tzinfo=PARIS)),
    ("3 nov. 2026", datetime(2026, 11, 3, tzinfo=PARIS)),
]


@pytest.mark.parametrize(("text", "expected"), DEADLINES)
def test_deadline_after_a_cue(text, expected):
    found = find_deadline(text, now=NOW)
    assert found.at == expected
    assert not found.permanent


@pytest.mark.parametrize("text", PERMANENT)
def test_permanent_scheme_is_detected(text):
    found = find_deadline(text, now=NOW)
    assert found.permanent and found.at is None


@pytest.mark.parametrize(("text", "expected"), FIELDS)
def test_deadline_field_reads_any_date(text, expected):
    assert parse_deadline_field(text, now=NOW).at == expected


@pytest.mark.parametrize(("text", "expected"), PUBLICATION)
def test_publication_date_starts_the_day(text, expected):
    assert parse_date(text, now=NOW) == expected


def test_dated_deadline_wins_over_permanent_wording():
    found = find_deadline("Dispositif permanent ; prochaine clôture le 15 mars 2027", now=NOW)
    assert found.at == at(2027, 3, 15) and not found.permanent


def test_closed_flag_on_the_frozen_day(frozen_now):
    from tests.watch.factories import ItemFactory

    assert ItemFactory.build(deadline=at(2026, 11, 21)).is_closed
    assert not ItemFactory.build(deadline=at(2026, 11, 22)).is_closed
    assert not ItemFactory.build(deadline=None, permanent=True).is_closed
