"""What a subscriber chooses (rhythm, kinds of content) and the consent wordings they agree to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The consent sentence shown next to the checkbox, by version: a subscriber's consent record points
# to the exact wording they agreed to, so a new wording gets a new key (never edit an old one).
CONSENT_WORDINGS = {
    "2026-11": _(
        "J’accepte de recevoir la lettre de veille par e-mail. Mon adresse sert uniquement à "
        "cet envoi ; je peux changer mes préférences, me désabonner ou effacer mes données à "
        "tout moment depuis le lien présent dans chaque e-mail."
    ),
    # The same sentence with the typographic apostrophe of the rest of the site.
    "2026-12": _(
        "J’accepte de recevoir la lettre de veille par e-mail. Mon adresse sert uniquement à "
        "cet envoi ; je peux changer mes préférences, me désabonner ou effacer mes données à "
        "tout moment depuis le lien présent dans chaque e-mail."
    ),
}
CURRENT_CONSENT_VERSION = "2026-12"


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("Chaque semaine")
    MONTHLY = "monthly", _("Chaque mois")


class Kind(models.TextChoices):
    """What a subscriber may want in a digest; each digest section belongs to one kind."""

    CALLS = "calls", _("Appels à projets")
    NEWS = "news", _("Actualités")
    RESOURCES = "resources", _("Nouvelles ressources")
    EVENTS = "events", _("Événements à venir")


# The boolean field of a subscriber that says whether they want each kind.
KIND_FIELDS = {
    Kind.CALLS: "wants_calls",
    Kind.NEWS: "wants_news",
    Kind.RESOURCES: "wants_resources",
    Kind.EVENTS: "wants_events",
}
