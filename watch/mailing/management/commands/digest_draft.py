"""Make a draft digest now (the schedule does it on Monday morning and on the 1st)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from watch.mailing import digests
from watch.mailing.choices import Rhythm


class Command(BaseCommand):
    help = "Prépare un brouillon de lettre pour la période écoulée (hebdomadaire ou mensuelle)."

    def add_arguments(self, parser):
        parser.add_argument("--rhythm", choices=[r.value for r in Rhythm], default=Rhythm.WEEKLY)

    def handle(self, *args, rhythm, **options):
        digest = digests.build_draft(rhythm)
        count = digest.entries.count()
        message = ngettext(
            "Brouillon n°%(pk)s « %(digest)s » : %(n)s élément.",
            "Brouillon n°%(pk)s « %(digest)s » : %(n)s éléments.",
            count,
        ) % {"pk": digest.pk, "digest": digest, "n": count}
        self.stdout.write(self.style.SUCCESS(message))
