"""Make a draft digest now (the schedule does it on Monday morning and on the 1st)."""

from django.core.management.base import BaseCommand

from watch.mailing import digests
from watch.mailing.choices import Rhythm


class Command(BaseCommand):
    help = "Prépare un brouillon de lettre pour la période écoulée (hebdomadaire ou mensuelle)."

    def add_arguments(self, parser):
        parser.add_argument("--rhythm", choices=[r.value for r in Rhythm], default=Rhythm.WEEKLY)

    def handle(self, *args, rhythm, **options):
        digest = digests.build_draft(rhythm)
        self.stdout.write(
            self.style.SUCCESS(
                f"Brouillon n°{digest.pk} « {digest} » : {digest.entries.count()} élément(s)."
            )
        )
