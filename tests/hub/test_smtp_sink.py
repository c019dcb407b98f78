from django.core.mail import EmailMultiAlternatives

from tests.smtp import html_part, text_part


def test_mail_sent_by_django_reaches_the_local_smtp_server(smtp_sink):
    message = EmailMultiAlternatives("Bonjour", "Texte brut", to=["camille@example.org"])
    message.attach_alternative("<p>Texte <b>riche</b></p>", "text/html")
    message.send()
    [received] = smtp_sink.to("camille@example.org")
    assert received["Subject"] == "Bonjour"
    assert text_part(received).strip() == "Texte brut"
    assert "<b>riche</b>" in html_part(received)
