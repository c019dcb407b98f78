"""Build (or refresh) the demo site; safe to run again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_module

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "passerelles-demo"  # noqa: S105 - demo-only, printed and documented as such


class Command(BaseCommand):
    help = "Load the demo content (idempotent) and create the demo editor account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-user", action="store_true", help="Do not create the demo account."
        )

    def handle(self, *args, **options):
        for module_path in settings.DEMO_LOADERS:
            self.stdout.write(f"Contenu de démonstration : {module_path}")
            import_module(module_path).load(self.stdout)
        if not options["no_user"]:
            self._demo_user()
        self.stdout.write(self.style.SUCCESS("Démonstration prête."))

    def _demo_user(self) -> None:
        user_model = get_user_model()
        user, _created = user_model.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={
                "email": "demo@passerelles.example",
                "first_name": "Camille",
                "last_name": "Démo",
            },
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            self.style.WARNING(
                f"Compte éditeur de démonstration : identifiant « {DEMO_USERNAME} », "
                f"mot de passe « {DEMO_PASSWORD} » (démo uniquement) — {settings.SITE_URL}/admin/"
            )
        )
