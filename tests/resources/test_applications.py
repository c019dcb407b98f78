import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from tests.resources.factories import mentoring_scheme
from tests.smtp import text_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentoring(index):
    return mentoring_scheme(index)


def application(**overrides):
    data = {
        "je_souhaite": "Être accompagné·e",
        "nom_et_prenom": "Inès Robert",
        "e_mail": "ines@compagnie.test",
        "structure": "Compagnie des Volcans",
        "fonction": "Administratrice",
        "region": "Auvergne-Rhône-Alpes",
        "domaines_dexpertise": ["Production", "Écoconception"],
        "consentement": "on",
    }
    data.update(overrides)
    return data


def test_applicant_gets_a_confirmation_and_editors_a_notification(
    client, mentoring, smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mentoring.url, application())
    assert response.status_code == 200
    assert "votre candidature est bien envoyée" in response.content.decode()
    submission = FormSubmission.objects.get(page=mentoring)
    assert submission.get_data()["structure"] == "Compagnie des Volcans"
    [confirmation] = smtp_sink.to("ines@compagnie.test")
    assert confirmation["Subject"] == "Votre candidature au mentorat"
    text = text_part(confirmation)
    assert "Le comité se réunit fin juin." in text
    for typed in ("Inès", "Compagnie des Volcans", "Administratrice", "Production"):
        assert typed not in text  # the address is unverified: none of the answers goes to it
    assert submission.get_data()["consentement"] is True
    [notification] = smtp_sink.to("equipe@passerelles.test")
    assert "mentorat@passerelles.test" in notification["To"]
    assert notification["Reply-To"] == "ines@compagnie.test"
    assert "Compagnie des Volcans" in text_part(notification)
    assert f"/admin/forms/submissions/{mentoring.pk}/" in text_part(notification)


def test_invalid_application_keeps_the_answers_and_says_what_is_wrong(client, mentoring):
    response = client.post(mentoring.url, application(e_mail="pas-une-adresse", structure=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Remplissez le champ « Structure »." in html
    assert (
        "Le champ « E-mail » attend une adresse e-mail complète, par exemple nom@structure.fr."
        in html
    )
    assert FormSubmission.objects.count() == 0
    assert "Votre candidature n’est pas encore enregistrée" in html
    assert 'href="#id_structure"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_e_mail-errors"' in html
    assert 'value="Inès Robert"' in html  # nothing lost


def test_form_closes_after_the_deadline(client, mentoring, smtp_sink):
    mentoring.deadline = timezone.now() - datetime.timedelta(minutes=1)
    mentoring.save()
    page = client.get(mentoring.url).content.decode()
    assert "appel à candidatures est clos" in page
    assert 'name="structure"' not in page
    response = client.post(mentoring.url, application())
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert smtp_sink.messages == []


def test_a_refused_mail_does_not_lose_the_application(
    client, mentoring, smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.handler.refuse["ines@compagnie.test"] = "550 Mailbox unavailable"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mentoring.url, application())
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1
    assert smtp_sink.to("equipe@passerelles.test")


def test_robots_filling_the_honeypot_are_thanked_and_ignored(client, mentoring, smtp_sink):
    response = client.post(mentoring.url, {**application(), "site_web": "http://spam.test"})
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert smtp_sink.messages == []


def test_repeated_applications_from_one_address_are_slowed_down(client, mentoring, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for _ in range(5):
        client.post(mentoring.url, application())
    response = client.post(mentoring.url, application())
    assert response.status_code == 429
    assert "réessayer dans une heure" in response.content.decode()
    assert FormSubmission.objects.count() == 5


def test_editors_export_submissions_as_csv(admin_client, mentoring, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    admin_client.post(mentoring.url, application())
    response = admin_client.get(f"/admin/forms/submissions/{mentoring.pk}/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert "Structure" in content.splitlines()[0]
    assert "Compagnie des Volcans" in content
    listing = admin_client.get(
        f"/admin/forms/submissions/{mentoring.pk}/",
        {"date_from": timezone.localdate().isoformat()},
    )
    assert "Compagnie des Volcans" in listing.content.decode()


def test_every_answer_is_capped_and_consent_is_required(client, mentoring, smtp_sink):
    from resources.models import SchemeFormField

    SchemeFormField.objects.create(
        page=mentoring, sort_order=20, label="Vos attentes", field_type="multiline"
    )
    too_long = application(vos_attentes="x" * 2001)
    too_long.pop("consentement")
    response = client.post(mentoring.url, too_long)
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400
    assert (
        "Le champ « Vos attentes » ne peut pas dépasser 2000 caractères (vous en avez saisi 2001)."
        in html
    )
    assert "Cochez cette case pour envoyer votre candidature : nous en avons besoin." in html
    assert "politique de confidentialité" in html
    assert FormSubmission.objects.count() == 0
    assert smtp_sink.messages == []
