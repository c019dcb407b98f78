"""Run the web server and the django-q2 worker together until Ctrl-C (used by `make demo`)."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the development web server and the task worker (qcluster) together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        addrport = options["addrport"]
        python = [sys.executable, "manage.py"]
        processes = {
            "worker": subprocess.Popen([*python, "qcluster"]),  # noqa: S603
            "web": subprocess.Popen([*python, "runserver", addrport, "--noreload"]),  # noqa: S603
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Passerelles : http://{addrport}/ — administration : http://{addrport}/admin/ "
                "(Ctrl-C pour arrêter le site et le worker)"
            )
        )
        try:
            while all(process.poll() is None for process in processes.values()):
                time.sleep(0.5)
            stopped = [name for name, process in processes.items() if process.poll() is not None]
            self.stderr.write(f"Arrêt : le processus {', '.join(stopped)} s'est terminé.")
        except KeyboardInterrupt:
            self.stdout.write("\nArrêt du site et du worker…")
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
