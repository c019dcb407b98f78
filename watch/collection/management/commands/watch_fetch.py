"""Fetch watch sources now, with a progress bar and a per-source summary."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext

from watch.collection.collect import Outcome, run_round
from watch.collection.models import Source


class Command(BaseCommand):
    help = (
        "Collecte maintenant les sources de veille (toutes les sources actives, ou celles données)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--all", action="store_true", help="toutes les sources actives")
        group.add_argument("--source", type=int, nargs="+", metavar="ID", help="identifiants")
        parser.add_argument("--threads", type=int, default=None, help="collectes simultanées")
        parser.add_argument("--processes", type=int, default=None, help="processus d'analyse")

    def handle(self, *args, **options):
        if options["all"]:
            sources = list(Source.objects.collectable())
        else:
            sources = list(Source.objects.filter(pk__in=options["source"]))
            missing = set(options["source"]) - {source.pk for source in sources}
            if missing:
                raise CommandError(
                    ngettext(
                        "source inconnue : %(ids)s", "sources inconnues : %(ids)s", len(missing)
                    )
                    % {"ids": ", ".join(map(str, sorted(missing)))}
                )
        total = len(sources)
        if not total:
            self.stdout.write("Aucune source à collecter.")
            return
        done: list[Outcome] = []
        interactive = hasattr(self.stdout, "isatty") and self.stdout.isatty()

        def progress(outcome: Outcome) -> None:
            done.append(outcome)
            filled = int(30 * len(done) / total)
            bar = "#" * filled + "." * (30 - filled)
            line = f"[{bar}] {len(done)}/{total}"
            if interactive:
                sys.stdout.write("\r" + line)
                sys.stdout.flush()
            else:
                self.stdout.write(line)

        outcomes = run_round(
            sources, threads=options["threads"], processes=options["processes"], on_done=progress
        )
        if interactive:
            self.stdout.write("")
        failures = 0
        for outcome in sorted(outcomes, key=lambda outcome: outcome.name.lower()):
            style = self.style.SUCCESS if outcome.ok else self.style.ERROR
            failures += 0 if outcome.ok else 1
            self.stdout.write(style(f"  #{outcome.source_id} {outcome.name} : {outcome.summary()}"))
        new = sum(outcome.new for outcome in outcomes)
        updated = sum(outcome.updated for outcome in outcomes)
        counts = {"total": total, "new": new, "updated": updated, "failures": failures}
        parts = [
            ngettext("%(total)s source", "%(total)s sources", total),
            ngettext("%(new)s nouvel élément", "%(new)s nouveaux éléments", new),
            gettext("%(updated)s mis à jour"),
            ngettext("%(failures)s échec", "%(failures)s échecs", failures),
        ]
        self.stdout.write(
            f"{parts[0] % counts} : {', '.join(part % counts for part in parts[1:])}."
        )
