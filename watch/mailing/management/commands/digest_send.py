"""Send a digest from a terminal, with a progress bar; safe to run again (exactly once)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext, ngettext
from django_q.tasks import async_task

from watch.mailing import sending as mailing
from watch.mailing.models import Digest


class Command(BaseCommand):
    help = (
        "Envoie la lettre ID (ou reprend un envoi interrompu) : chaque personne abonnée la "
        "reçoit une seule fois, même si la commande est relancée."
    )

    def add_arguments(self, parser):
        parser.add_argument("digest_id", type=int)
        parser.add_argument("--batch-size", type=int, default=None, help="messages par connexion")
        parser.add_argument(
            "--rate", type=float, default=None, help="messages par seconde (0 : sans limite)"
        )
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="secondes après lesquelles un message réservé par un envoi interrompu est repris "
            "(0 : tout de suite, seulement si aucun autre envoi ne tourne)",
        )
        parser.add_argument(
            "--queue",
            type=int,
            default=0,
            metavar="N",
            help="confier l'envoi à N tâches des workers django-q2 au lieu de l'envoyer ici",
        )

    def handle(self, *args, digest_id, batch_size, rate, lease, queue, **options):
        digest = Digest.objects.filter(pk=digest_id).first()
        if digest is None:
            raise CommandError(f"Aucune lettre n°{digest_id}.")
        if digest.status == Digest.Status.CANCELLED:
            raise CommandError(f"La lettre n°{digest_id} a été annulée.")
        if digest.status == Digest.Status.SENT:
            self.stdout.write(self.style.SUCCESS(f"La lettre « {digest} » est déjà envoyée."))
            self._bar(digest.progress())
            self.stdout.write("")
            return
        total = mailing.enqueue(digest)
        self.stdout.write(
            ngettext(
                "Lettre « %(digest)s » : %(n)s destinataire.",
                "Lettre « %(digest)s » : %(n)s destinataires.",
                total,
            )
            % {"digest": digest, "n": total}
        )
        if queue:
            for _worker in range(queue):
                async_task("watch.mailing.tasks.send_digest_task", digest.pk)
            self.stdout.write(
                ngettext(
                    "Envoi confié à %(n)s tâche des workers.",
                    "Envoi confié à %(n)s tâches des workers.",
                    queue,
                )
                % {"n": queue}
            )
            return
        self._bar(digest.progress())
        report = mailing.send_digest(
            digest.pk,
            batch_size=batch_size,
            rate=rate,
            reclaim_after=None if lease is None else timedelta(seconds=lease),
            on_batch=lambda _report: self._bar(digest.progress()),
        )
        self._bar(digest.progress())
        self.stdout.write("")
        digest.refresh_from_db()
        summary = (
            ", ".join(
                [
                    ngettext("%(n)s envoyé", "%(n)s envoyés", report.sent) % {"n": report.sent},
                    gettext("%(n)s sans contenu nouveau") % {"n": report.skipped},
                    ngettext("%(n)s échec", "%(n)s échecs", report.failed) % {"n": report.failed},
                    gettext("%(n)s à réessayer") % {"n": report.retried},
                ]
            )
            + "."
        )
        if report.interrupted:
            self.stdout.write(
                self.style.WARNING(f"Envoi interrompu ({report.interrupted}) : {summary}")
            )
        elif digest.status == Digest.Status.SENT:
            self.stdout.write(self.style.SUCCESS(f"Lettre envoyée : {summary}"))
        else:
            self.stdout.write(f"{summary} Les nouvelles tentatives partiront plus tard.")

    def _bar(self, progress: dict, width: int = 30) -> None:
        filled = width * progress["percent"] // 100
        bar = "█" * filled + "·" * (width - filled)
        self.stdout.write(
            f"\r[{bar}] {progress['percent']:3d} %  {progress['sent']} envoyés, "
            f"{progress['failed']} échecs, {progress['skipped']} sans contenu, "
            f"{progress['pending']} en attente / {progress['total']}",
            ending="",
        )
        self.stdout.flush()
