"""Add a watch source from the command line; prints the new source's id."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from watch.collection.models import Source


class Command(BaseCommand):
    help = "Ajoute une source de veille (flux RSS/Atom ou page web avec sélecteurs CSS)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="nom de la source")
        parser.add_argument("url", help="adresse du flux ou de la page")
        parser.add_argument("--kind", choices=["feed", "page"], default="feed")
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

    def handle(self, *args, **options):
        if options["kind"] == "page" and not options["item"]:
            raise CommandError("une source de type page demande --items (sélecteur des éléments)")
        publishes = Source.Publishes.MIXED
        if options["calls"]:
            publishes = Source.Publishes.CALLS
        elif options["news"]:
            publishes = Source.Publishes.NEWS
        source = Source(
            name=options["name"],
            url=options["url"],
            kind=options["kind"],
            publishes=publishes,
            fetch_interval=options["interval"],
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
        self.stdout.write(str(source.pk))
