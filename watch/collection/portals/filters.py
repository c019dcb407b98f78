"""What an editor may ask a portal for: programmes, statuses, keywords, categories, perimeter,
audiences. Stored as `Source.portal_filters` (lists of strings), checked here with messages tied
to the form."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Programme:
    """A programme of the EU portal: its label, its `frameworkProgramme` id in the search API
    (None: the API has no id for it, topics are recognised by their identifier only) and the
    prefix of its topics' identifiers."""

    label: str
    framework_id: str | None
    prefix: str


# Framework ids as the portal's own search requests send them (see README, "European calls").
PROGRAMMES = {
    "CREA": Programme("Europe créative", "43251814", "CREA-"),
    "ERASMUS": Programme("Erasmus+", "43353764", "ERASMUS-"),
    "HORIZON-CL2": Programme(
        "Horizon Europe — cluster 2 « Culture, créativité et société inclusive »",
        "43108390",
        "HORIZON-CL2-",
    ),
    "HORIZON": Programme("Horizon Europe", "43108390", "HORIZON-"),
    "LIFE": Programme("LIFE", "43252405", "LIFE-"),
    "CERV": Programme("Citoyens, égalité, droits et valeurs (CERV)", "43251589", "CERV-"),
    "INTERREG": Programme("Interreg", None, "INTERREG"),
}
# Status ids of the search API (`metadata.status`).
EU_STATUSES = {"forthcoming": "31094501", "open": "31094502", "closed": "31094503"}
EU_STATUS_CHOICES = [("open", _("Ouverts")), ("forthcoming", _("À venir"))]
AUDIENCE_CHOICES = [
    ("association", _("Associations")),
    ("private_sector", _("Entreprises privées")),
    ("commune", _("Communes")),
    ("epci", _("Intercommunalités")),
    ("department", _("Départements")),
    ("region", _("Régions")),
    ("public_org", _("Établissements publics")),
    ("private_person", _("Particuliers")),
]
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SPLIT = re.compile(r"[,\n;]+")


def split_list(value) -> list[str]:
    """A list from a list, or from text separated by commas, semicolons or lines."""
    items = value if isinstance(value, list | tuple) else _SPLIT.split(str(value or ""))
    return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def eu_filters(filters: dict) -> tuple[list[str], list[str], list[str]]:
    """(programme codes, statuses, keywords), normalised, statuses defaulting to both."""
    programmes = [code.upper() for code in split_list(filters.get("programmes"))]
    statuses = [status.lower() for status in split_list(filters.get("statuses"))]
    return programmes, statuses or ["open", "forthcoming"], split_list(filters.get("keywords"))


def filter_errors(kind: str, filters) -> dict[str, str]:
    """Problems of a source's filters, keyed `portal_filters`; empty when they are usable."""
    if not isinstance(filters, dict):
        return {"portal_filters": _("Les filtres du portail doivent être un objet JSON.")}
    problems = []
    if kind == "eu-funding":
        programmes, statuses, _keywords = eu_filters(filters)
        unknown = [code for code in programmes if code not in PROGRAMMES and not code.isdigit()]
        if unknown:
            problems.append(
                _(
                    "Programme inconnu : %(codes)s. Choisissez parmi %(known)s, ou donnez"
                    " l’identifiant numérique du programme dans le portail."
                )
                % {"codes": ", ".join(unknown), "known": ", ".join(PROGRAMMES)}
            )
        wrong = [status for status in statuses if status not in ("open", "forthcoming")]
        if wrong:
            problems.append(
                _("Statut inconnu : %(values)s (les statuts possibles : open, forthcoming).")
                % {"values": ", ".join(wrong)}
            )
    else:
        for key, message in (
            (
                "categories",
                _(
                    "Champ « Catégories » : %(values)s n’est pas un identifiant de catégorie."
                    " Écrivez chaque identifiant en minuscules, sans espace ni accent (par"
                    " exemple « culture »), séparés par des virgules."
                ),
            ),
            (
                "audiences",
                _(
                    "Champ « Publics » : %(values)s n’est pas un identifiant de public. Écrivez"
                    " chaque identifiant en minuscules, sans espace ni accent (par exemple"
                    " « association »), séparés par des virgules."
                ),
            ),
        ):
            wrong = [value for value in split_list(filters.get(key)) if not _SLUG.match(value)]
            if wrong:
                values = ", ".join(f"« {value} »" for value in wrong)
                problems.append(message % {"values": values})
        perimeter = str(filters.get("perimeter") or "").strip()
        if perimeter and not _SLUG.match(perimeter):
            problems.append(
                _(
                    "Champ « Périmètre » : « %(value)s » n’est pas un identifiant de territoire."
                    " Donnez l’identifiant d’Aides-territoires, en minuscules et sans espace,"
                    " par exemple 70973-auvergne-rhone-alpes."
                )
                % {"value": perimeter}
            )
    return {"portal_filters": " ".join(str(problem) for problem in problems)} if problems else {}
