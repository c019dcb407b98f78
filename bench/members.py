"""Benchmark: the workspace page and the thread list keep a constant number of queries and a
near-constant time from 10 to 1,000 threads and documents.

Runs on a temporary SQLite database (or DATABASE_URL). For each size it fills one workspace,
then measures, through the real views and a logged-in member, the queries of the workspace
home and the thread list and their median time over a few requests. Last line:
RESULT members queries_small=<n> queries_large=<n> time_ratio=<x>
"""

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_URL", "memory://")
os.environ.setdefault("PASSERELLES_VAR_DIR", tempfile.mkdtemp(prefix="passerelles-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['PASSERELLES_VAR_DIR']}/bench.sqlite3"

# WhiteNoise warns about the absent collected static folder: nothing static is served here.
warnings.filterwarnings("ignore", message="No directory at")
SIZES = (10, 1000)
REPEATS = 7


def _fill(workspace, author, count: int) -> None:
    """`count` threads (two posts each) and `count` documents, written in bulk."""
    from django.utils import timezone

    from members.models import Document, DocumentVersion, Post, Thread

    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(workspace=workspace, subject=f"Sujet {n}", started_by=author, last_post_at=now,
               post_count=2)
        for n in range(count)
    )  # fmt: skip
    Post.objects.bulk_create(
        Post(thread=thread, author=author, author_name="Claire", body="<p>Bonjour</p>")
        for thread in threads
        for _ in range(2)
    )
    docs = Document.objects.bulk_create(
        Document(workspace=workspace, title=f"Document {n}", updated_at=now) for n in range(count)
    )
    versions = DocumentVersion.objects.bulk_create(
        DocumentVersion(document=doc, number=1, file=f"workspaces/{doc.pk}", original_name="a.pdf",
                        size=1000, content_type="application/pdf", uploaded_by=author,
                        uploaded_by_name="Claire")
        for doc in docs
    )  # fmt: skip
    for doc, version in zip(docs, versions, strict=True):
        doc.latest_version = version
    Document.objects.bulk_update(docs, ["latest_version"])


def _measure(client, url: str) -> tuple[int, float]:
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    client.get(url)  # warm up
    # Counted at the cursor: the debug query log is emptied at each request start.
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    return len(executed), statistics.median(timings)


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from members import membership
    from members.models import MemberProfile, Workspace, WorkspaceMembership

    results = {}
    for size in SIZES:
        user = get_user_model().objects.create_user(f"bench{size}@exemple.org",
                                                    f"bench{size}@exemple.org", "x")  # fmt: skip
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        MemberProfile.objects.create(
            user=user, full_name="Claire", structure="Passerelles", role="Coordination",
            motivation="-", status="approved",
        )  # fmt: skip
        user.groups.add(membership.members_group())
        workspace = Workspace.objects.create(name=f"Projet {size}", slug=f"projet-{size}")
        WorkspaceMembership.objects.create(workspace=workspace, user=user, role="coordinator")
        _fill(workspace, user, size)
        client = Client()
        client.force_login(user)
        pages = {
            "workspace": reverse("members:workspace", args=[workspace.slug]),
            "threads": reverse("members:threads", args=[workspace.slug]),
            "documents": reverse("members:documents", args=[workspace.slug]),
        }
        results[size] = {name: _measure(client, url) for name, url in pages.items()}
        for name, (queries, seconds) in results[size].items():
            print(f"{size:>5} threads/documents  {name:<10} {queries:>3} queries  "
                  f"{seconds * 1000:7.1f} ms")  # fmt: skip

    small, large = results[SIZES[0]], results[SIZES[-1]]
    queries_small = sum(queries for queries, _ in small.values())
    queries_large = sum(queries for queries, _ in large.values())
    ratio = max(large[name][1] / small[name][1] for name in small)
    print(f"RESULT members queries_small={queries_small} queries_large={queries_large} "
          f"time_ratio={ratio:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
