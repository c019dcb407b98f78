"""Create or update the django-q2 schedules every app declares; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_module
from django_q.models import Schedule


class Command(BaseCommand):
    help = "Create or update the periodic tasks (django-q2 schedules) of every app."

    def handle(self, *args, **options):
        for module_path in settings.SCHEDULE_MODULES:
            for spec in import_module(module_path).SCHEDULES:
                spec = dict(spec)
                name = spec.pop("name")
                schedule, created = Schedule.objects.update_or_create(name=name, defaults=spec)
                verb = "créée" if created else "à jour"
                self.stdout.write(f"  tâche planifiée « {name} » {verb} ({schedule.func})")
        self.stdout.write(self.style.SUCCESS("Tâches planifiées prêtes."))
