"""Add a watch source from the command line; prints the new source's id."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from watch.collection.models import Source
from watch.collection.portals import is_portal
from watch.collection.portals.aides_territoires import api_key, missing_key_message


def portal_filters(options) -> dict:
    """The portal filters given on the command line, as `Source.portal_filters` holds them."""
    if options["kind"] == Source.Kind.EU_FUNDING:
        names = {"programmes": "programme", "statuses": "status", "keywords": "keyword"}
    elif options["kind"] == Source.Kind.AIDES_TERRITOIRES:
        names = {"categories": "category", "audiences": "audience", "keywords": "keyword"}
    else:
        return {}
    filters = {key: options[option] for key, option in names.items() if options[option]}
    if options["kind"] == Source.Kind.AIDES_TERRITOIRES and options["perimeter"]:
        filters["perimeter"] = options["perimeter"]
    return filters


class Command(BaseCommand):
    help = (
        "Ajoute une source de veille : flux RSS/Atom, page web avec sélecteurs CSS, portail"
        " européen (eu-funding) ou Aides-territoires (aides-territoires)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="nom de la source")
        parser.add_argument("url", help="adresse du flux ou de la page")
        parser.add_argument("--kind", choices=Source.Kind.values, default="feed")
        parser.add_argument(
            "--calls", action="store_true", help="la source ne publie que des appels à projets"
        )
        parser.add_argument(
            "--news", action="store_true", help="la source ne publie que des actualités"
        )
        # A selector option's dest is its Source.SELECTOR_FIELDS name minus "_selector".
        parser.add_argument(
            "--items", dest="item", metavar="ITEMS", default="", help="sélecteur CSS d'un élément"
        )
        parser.add_argument("--link", default="", help="sélecteur CSS du lien")
        parser.add_argument("--title", default="", help="sélecteur CSS du titre")
        parser.add_argument("--summary", default="", help="sélecteur CSS du résumé")
        parser.add_argument("--date", default="", help="sélecteur CSS de la date de publication")
        parser.add_argument("--deadline", default="", help="sélecteur CSS de la date limite")
        parser.add_argument(
            "--interval", type=int, default=360, help="minutes entre deux collectes"
        )
        # Filters of a portal source (`--kind eu-funding` or `aides-territoires`), repeatable.
        portal = parser.add_argument_group("filtres des portails")
        portal.add_argument(
            "--programme", action="append", default=[], help="eu-funding : CREA, ERASMUS, …"
        )
        portal.add_argument(
            "--status", action="append", default=[], help="eu-funding : open, forthcoming"
        )
        portal.add_argument("--keyword", action="append", default=[], help="mot-clé")
        portal.add_argument(
            "--category", action="append", default=[], help="aides-territoires : catégorie"
        )
        portal.add_argument("--perimeter", default="", help="aides-territoires : périmètre")
        portal.add_argument(
            "--audience", action="append", default=[], help="aides-territoires : public"
        )

    def handle(self, *args, **options):
        if options["kind"] == "page" and not options["item"]:
            raise CommandError("une source de type page demande --items (sélecteur des éléments)")
        publishes = Source.Publishes.MIXED
        if options["calls"] or is_portal(options["kind"]):
            publishes = Source.Publishes.CALLS
        elif options["news"]:
            publishes = Source.Publishes.NEWS
        source = Source(
            name=options["name"],
            url=options["url"],
            kind=options["kind"],
            publishes=publishes,
            fetch_interval=options["interval"],
            portal_filters=portal_filters(options),
            **{name: options[name.removesuffix("_selector")] for name in Source.SELECTOR_FIELDS},
        )
        try:
            source.full_clean()
        except ValidationError as error:
            messages = "; ".join(
                f"{field} : {' '.join(errs)}" for field, errs in error.message_dict.items()
            )
            raise CommandError(f"source refusée — {messages}") from error
        source.save()
        if source.kind == Source.Kind.AIDES_TERRITOIRES and not api_key():
            self.stderr.write(missing_key_message())
        self.stdout.write(str(source.pk))
