"""Run the web server and the django-q2 worker together until Ctrl-C or SIGTERM (`make demo`).

Each child runs in a process group of its own, so the terminal's Ctrl-C reaches this command
only, and this command stops each child exactly once. Why: qcluster stops its Sentinel from
inside its signal handler; a second signal (the terminal's SIGINT to the whole group, then ours)
re-enters that handler while the first one holds the stop event's lock, the cluster hangs, and
its Sentinel and workers outlive it. Whatever has not stopped after a short grace period is
killed with its whole process group, and every child is reaped: no orphan, no zombie.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

# qcluster needs about a second per stage (pusher poll, poison pills, monitor); the grace period
# keeps a whole stop under five seconds, a task still running is retried by the broker later.
GRACE_SECONDS = 3.0
KILL_WAIT_SECONDS = 1.0


class Command(BaseCommand):
    help = "Start the development web server and the task worker (qcluster) together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        addrport = options["addrport"]
        python = [sys.executable, "manage.py"]
        self.signalled = None
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)
        processes = {}
        try:
            processes["worker"] = subprocess.Popen([*python, "qcluster"], process_group=0)  # noqa: S603
            processes["web"] = subprocess.Popen(  # noqa: S603
                [*python, "runserver", addrport, "--noreload"], process_group=0
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Passerelles : http://{addrport}/ — administration : http://{addrport}/admin/"
                    " (Ctrl-C pour arrêter le site et le worker)"
                )
            )
            while self.signalled is None and all(p.poll() is None for p in processes.values()):
                time.sleep(0.2)
            if self.signalled is None:
                stopped = [name for name, p in processes.items() if p.poll() is not None]
                self.stderr.write(f"Arrêt : le processus {', '.join(stopped)} s'est terminé.")
            else:
                self.stdout.write("\nArrêt du site et du worker…")
        finally:
            stop_all(list(processes.values()))

    def _on_signal(self, signum, frame):
        self.signalled = signum


def stop_all(processes: list[subprocess.Popen]) -> None:
    """SIGTERM each child once, wait for the grace period, then kill what is left of its group."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            pass
    for process in processes:
        # The leader may be gone while its Sentinel or workers are not: kill the group.
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + KILL_WAIT_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            pass
