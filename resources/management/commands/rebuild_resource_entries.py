from django.core.management.base import BaseCommand

from resources.entries import rebuild_entries, reindex_pages
from resources.models import ResourceEntry


class Command(BaseCommand):
    help = (
        "Reconstruit la table de l'index des ressources à partir des pages (en masse), "
        "puis réindexe les ressources pour la recherche (jetons de filtre compris)."
    )

    def handle(self, *args, **options):
        count = rebuild_entries()
        reindex_pages(ResourceEntry.objects.values("pk"))
        self.stdout.write(f"{count} ressources indexées.")
