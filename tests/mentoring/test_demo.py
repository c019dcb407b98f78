"""The demo loads twice without duplicates; its pages, board and attestation work."""

import io
import re

import pytest

from demo import mentoring as demo
from demo import site as site_demo
from resources.mentoring.choices import Kind, PairingState
from resources.mentoring.models import Application, MentoringMeshPage, Pairing

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_renders(admin_client, client):
    out = io.StringIO()
    for _ in range(2):
        site_demo.load(io.StringIO())
        demo.load(out)
    assert Application.objects.filter(kind=Kind.OFFER).count() == 12
    assert Application.objects.filter(kind=Kind.SEEK).count() == 8
    assert Application.objects.values("territory").distinct().count() >= 5
    states = sorted(Pairing.objects.values_list("state", flat=True))
    assert states == [PairingState.ACTIVE, PairingState.ACTIVE, PairingState.COMPLETED]
    client.defaults["HTTP_HOST"] = "127.0.0.1:8000"
    mesh = MentoringMeshPage.objects.get()
    programme = mesh.get_parent().specific
    assert "Financements européens" in client.get(programme.url).content.decode()
    assert "Paul Mercier" in client.get(mesh.url).content.decode()  # public profile
    attestation = re.search(r"https?://[^/]+(/mentorat/attestation/\S+/)", out.getvalue())
    html = client.get(attestation.group(1)).content.decode()
    assert "16 heures" in html and "Financements européens" in html
    board = admin_client.get(f"/admin/mentorat/{programme.pk}/binomes/").content.decode()
    assert "Proposer ce binôme" in board
