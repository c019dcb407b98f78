"""The demo's pictures are drawn, not downloaded: the same every time, stored once, described."""

import pytest
from wagtail.images import get_image_model

from demo import images

pytestmark = pytest.mark.django_db


def test_the_same_seed_draws_the_same_picture_and_motifs_differ():
    first = images.composition("musique", 7, size=(320, 180))
    again = images.composition("musique", 7, size=(320, 180))
    other = images.composition("jeux", 7, size=(320, 180))
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()
    assert first.size == (320, 180)


def test_every_motif_has_a_french_description_for_its_alternative_text():
    assert set(images.DESCRIPTIONS) == set(images.MOTIFS)
    assert all(text.startswith("Illustration : ") for text in images.DESCRIPTIONS.values())


def test_an_illustration_is_stored_once_with_its_alt_text_and_credit(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    picture = images.illustration("essai", "ecologie", "Paysage")
    again = images.illustration("essai", "ecologie", "Paysage")
    assert again.pk == picture.pk
    assert get_image_model().objects.count() == 1
    assert picture.description == images.DESCRIPTIONS["ecologie"]
    assert picture.credit
    assert (picture.width, picture.height) == (images.WIDTH, images.HEIGHT)
    rendition = picture.get_rendition("fill-400x225|format-webp")
    assert rendition.width == 400 and rendition.file.name.endswith(".webp")


def test_a_partner_logo_names_the_partner(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    logo = images.logo("afdas", "AFDAS")
    assert logo.description == "Logo de AFDAS"
    assert logo.file.name.endswith(".png")
