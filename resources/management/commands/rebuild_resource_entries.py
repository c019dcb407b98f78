from django.core.management.base import BaseCommand

from resources.entries import rebuild_entries


class Command(BaseCommand):
    help = "Reconstruit la table de l'index des ressources à partir des pages (en masse)."

    def handle(self, *args, **options):
        count = rebuild_entries()
        self.stdout.write(f"{count} ressources indexées.")
