"""Demo of the digests: subscription page, a few subscribers, one sent digest (idempotent)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from demo.utils import home_page, upsert_page
from hub.models import Theme
from watch.collection.models import Item
from watch.mailing import digests
from watch.mailing import sending as mailing
from watch.mailing.choices import CURRENT_CONSENT_VERSION
from watch.mailing.models import Digest, Subscriber, SubscriptionPage

SUBSCRIBERS = [
    ("camille.martin@exemple.fr", "Camille", ["Transition écologique", "Financement"], "weekly"),
    ("dominique.bernard@exemple.fr", "Dominique", ["Numérique", "Innovation"], "weekly"),
    ("alex.petit@exemple.fr", "Alex", [], "weekly"),
    ("sacha.robert@exemple.fr", "", ["Europe"], "weekly"),
    ("lou.richard@exemple.fr", "Lou", ["Compétences et emploi", "Management"], "monthly"),
]
ARCHIVE_KEY = "demo-archive"


def load(stdout) -> None:
    page = upsert_page(
        home_page(),
        SubscriptionPage,
        "lettre-de-veille",
        title="Lettre de veille",
        show_in_menus=True,
        seo_title="S’abonner à la lettre de veille",
        search_description=(
            "Recevez chaque semaine ou chaque mois les appels à projets, actualités, ressources "
            "et événements qui comptent pour votre activité."
        ),
        intro=(
            "<p>Chaque lundi matin (ou le 1er du mois, si vous préférez), la lettre de veille "
            "rassemble ce que l’équipe a repéré pour vous : <b>les appels à projets qui ferment "
            "bientôt</b>, les nouveaux appels, les actualités du secteur, nos nouvelles "
            "ressources et les prochains événements ouverts aux inscriptions.</p>"
            "<ul><li>Choisissez vos thématiques : vous ne recevez que ce qui vous concerne.</li>"
            "<li>Un élément déjà reçu ne vous est pas renvoyé.</li>"
            "<li>Un lien dans chaque e-mail pour changer d’avis, faire une pause ou vous "
            "désabonner en un clic.</li></ul>"
        ),
        after_subscribe=(
            '<p>En attendant, parcourez les <a href="/lettre/archives/">lettres déjà '
            "envoyées</a>.</p>"
        ),
    )
    stdout.write(f"  page d’abonnement : {page.url}")

    themes = {theme.name: theme for theme in Theme.objects.all()}
    now = timezone.now()
    for email, name, theme_names, rhythm in SUBSCRIBERS:
        subscriber, _created = Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "name": name,
                "rhythm": rhythm,
                "status": Subscriber.Status.ACTIVE,
                "consent_version": CURRENT_CONSENT_VERSION,
                "consent_source": page.full_url or "",
            },
        )
        if subscriber.confirmed_at is None:
            Subscriber.objects.filter(pk=subscriber.pk).update(
                created_at=now - timedelta(days=40),
                consent_at=now - timedelta(days=40),
                confirmed_at=now - timedelta(days=40, minutes=-5),
            )
        subscriber.themes.set([themes[n] for n in theme_names if n in themes])
    stdout.write(f"  {len(SUBSCRIBERS)} abonné·es de démonstration")

    existing = Digest.objects.filter(draft_key=ARCHIVE_KEY).first()
    if existing is not None:
        if existing.status != Digest.Status.SENT:  # an interrupted earlier run: finish it
            mailing.enqueue(existing)
            mailing.send_digest(existing.pk)
        stdout.write("  lettre d’archive déjà envoyée")
        return
    if not Item.objects.accepted().exists():
        stdout.write("  aucun élément de veille accepté : pas de lettre d’archive")
        return
    start = now - timedelta(days=60)
    entries = digests.candidate_entries(start, now, now)
    with transaction.atomic():
        digest = Digest.objects.create(
            title="La veille de Passerelles — lettre de démonstration",
            period_start=start,
            period_end=now,
            draft_key=ARCHIVE_KEY,
            intro=(
                "<p>Bonjour à toutes et à tous ! Voici une sélection des appels à projets et "
                "des actualités repérés ces dernières semaines. Bonne lecture, et n’hésitez pas "
                "à nous écrire pour signaler un appel que nous aurions manqué.</p>"
            ),
        )
        digests.add_entries(digest, entries)
    mailing.enqueue(digest)
    report = mailing.send_digest(digest.pk)
    stdout.write(f"  lettre « {digest.title} » envoyée : {report.sent} message(s) (voir var/mail/)")
