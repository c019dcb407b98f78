import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from hub.env import email_settings
from hub.models import HomePage, StandardPage, Theme
from tests.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]


def clean_environ() -> dict:
    """The environment for a subprocess, without what the browser tests set for themselves."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


@pytest.mark.django_db
def test_sitemap_lists_every_public_page(client, home):
    StandardPageFactory(parent=home, title="Le cluster", slug="cluster")
    private = StandardPageFactory(parent=home, title="Privé", slug="prive")
    private.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/cluster/" in xml
    assert "/prive/" not in xml


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_demo_loader_runs_twice_and_builds_a_french_site_with_its_english_version(client):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert HomePage.objects.filter(locale__language_code="fr").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    assert StandardPage.objects.filter(slug="a-propos").count() == 1
    assert Theme.objects.filter(name="Transition écologique").exists()

    # English pages exist, in English; an untranslated page has no English address.
    for path in (
        "/en/",
        "/en/resources/",
        "/en/resources/reducing-a-tours-carbon-footprint/",
        "/en/events/sustainable-innovation/masterclass-eco-designing-sets-and-costumes/",
        "/en/mentoring/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode(), path
    assert client.get("/en/resources/reduire-empreinte-carbone-tournee/").status_code == 404
    assert '<html lang="fr">' in client.get("/").content.decode()

    assert client.login(username="demo", password="passerelles-demo")
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert client.get("/a-propos/").status_code == 200


@pytest.mark.django_db
def test_admin_speaks_french_to_editors(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Tableau de bord" in html


def test_production_settings_pass_check_deploy():
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-and-random-secret-key-for-this-check-only-1234567890",
        "ALLOWED_HOSTS": "passerelles.example",
        "SITE_URL": "https://passerelles.example",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**clean_environ(), "DJANGO_SETTINGS_MODULE": "hub.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA journal_mode")
        # The test database may be in memory, where WAL does not apply; a file database is WAL.
        assert cursor.fetchone()[0] in {"wal", "memory"}


def test_sqlite_file_database_is_in_wal_mode(tmp_path):
    env = {**clean_environ(), "DATABASE_URL": f"sqlite:///{tmp_path / 'wal.sqlite3'}"}
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hub.settings.base"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "wal", result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user:p%40ss@mail.example:2525",
            {"EMAIL_HOST": "mail.example", "EMAIL_PORT": 2525, "EMAIL_HOST_PASSWORD": "p@ss"},
        ),
        ("submission://mail.example", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        ("smtps://mail.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
        ("file:///tmp/mails", {"EMAIL_FILE_PATH": "/tmp/mails"}),  # noqa: S108
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "anymail://?backend=anymail.backends.brevo.EmailBackend",
            {"EMAIL_BACKEND": "anymail.backends.brevo.EmailBackend"},
        ),
    ],
)
def test_email_url_configures_the_backend(url, expected):
    config = email_settings(url)
    for key, value in expected.items():
        assert config[key] == value


def test_email_url_with_an_unknown_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown scheme"):
        email_settings("carrier-pigeon://loft")
