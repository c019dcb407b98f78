"""Demo members: an approved demo account (credentials in README.md), listed members of the
directory, two requests waiting in the editors' queue, a European project workspace with four
partners in four countries (and its public showcase) and a working-group workspace."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from demo import images
from demo.utils import home_page, upsert_page
from hub.models import Sector, Territory
from members import documents, membership, threads
from members.models import (
    MemberProfile,
    Partner,
    Post,
    Thread,
    WorkPackage,
    Workspace,
    WorkspaceMembership,
    WorkspacePage,
)
from resources.mentoring.choices import Format, Kind
from resources.mentoring.models import (
    CONSENT_VERSION,
    Application,
    ExpertiseDomain,
    MentoringProgrammePage,
)

DEMO_EMAIL = "membre@passerelles.demo"
DEMO_PASSWORD = "demo-membre-passerelles"  # noqa: S105 - demo only, printed in README.md

PEOPLE = [
    # email, name, structure, role, sectors, territory, status, visibility, bio
    (
        DEMO_EMAIL,
        "Claire Fontaine",
        "Compagnie des Volcans",
        "Administratrice de production",
        ["Spectacle vivant"],
        "Puy-de-Dôme",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.LISTED,
        "Compagnie de théâtre itinérant, nous cherchons des partenaires pour écoconcevoir nos "
        "tournées en milieu rural.",
    ),
    (
        "julien.marchand@atelier-bazalte.demo",
        "Julien Marchand",
        "Atelier Bazalte",
        "Designer et cogérant",
        ["Design", "Mode et métiers d’art"],
        "Clermont Auvergne Métropole",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.LISTED,
        "Studio de design d’objets en matériaux biosourcés ; prototypage et petites séries.",
    ),
    (
        "contact@pixel-dome.demo",
        "Sofia Benali",
        "Pixel Dôme",
        "Directrice",
        ["Jeux vidéo", "Audiovisuel et cinéma"],
        "Auvergne-Rhône-Alpes",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.STRUCTURE,
        "Studio de jeux vidéo indépendant, douze personnes, spécialisé dans les jeux éducatifs.",
    ),
    (
        "lea.roux@editions-du-puy.demo",
        "Léa Roux",
        "Éditions du Puy",
        "Éditrice",
        ["Édition"],
        "Haute-Loire",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.LISTED,
        "Maison d’édition jeunesse ; albums illustrés et livres audio.",
    ),
    (
        "giulia.rossi@teatrodeiborghi.demo",
        "Giulia Rossi",
        "Teatro dei Borghi",
        "Responsabile progetti europei",
        ["Spectacle vivant"],
        "Union européenne",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.HIDDEN,
        "",
    ),
    (
        "lukas.huber@kulturhaus-waldviertel.demo",
        "Lukas Huber",
        "Kulturhaus Waldviertel",
        "Programmleiter",
        ["Spectacle vivant", "Musiques actuelles"],
        "Union européenne",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.HIDDEN,
        "",
    ),
    (
        "ana.garcia@bierzocultura.demo",
        "Ana García",
        "Centro Cultural del Bierzo",
        "Coordinadora",
        ["Patrimoine", "Spectacle vivant"],
        "Union européenne",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.HIDDEN,
        "",
    ),
    (
        "marc.dubois@festival-allier.demo",
        "Marc Dubois",
        "Festival des Bocages",
        "Coordinateur",
        ["Musiques actuelles"],
        "Allier",
        MemberProfile.Status.PENDING,
        MemberProfile.Visibility.HIDDEN,
        "",
    ),
    (
        "nina.perrin@collectif-cantal.demo",
        "Nina Perrin",
        "Collectif Lumen",
        "Artiste plasticienne",
        ["Arts visuels"],
        "Cantal",
        MemberProfile.Status.PENDING,
        MemberProfile.Visibility.HIDDEN,
        "",
    ),
]

MOTIVATION = (
    "Rejoindre le réseau pour rencontrer d’autres structures du territoire, suivre les "
    "appels à projets et participer aux groupes de travail."
)


def member(email: str, full_name: str, password: str | None = None):
    """A verified account (allauth e-mail address confirmed) for the demo."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=email[:150], defaults={"email": email, "first_name": full_name.split()[0]}
    )
    if created or password:
        user.set_password(password or DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(stdout) -> None:
    with transaction.atomic():
        group = membership.members_group()
        for email, name, structure, role, sectors, territory, status, visibility, bio in PEOPLE:
            user = member(email, name, DEMO_PASSWORD if email == DEMO_EMAIL else None)
            profile, _created = MemberProfile.objects.update_or_create(
                user=user,
                defaults={
                    "full_name": name,
                    "structure": structure,
                    "role": role,
                    "territory": Territory.objects.filter(name=territory).first(),
                    "motivation": MOTIVATION,
                    "bio": bio,
                    "status": status,
                    "visibility": visibility,
                },
            )
            profile.sectors.set(Sector.objects.filter(name__in=sectors))
            if status == MemberProfile.Status.APPROVED:
                user.groups.add(group)
        project = _project()
        _working_group()
        _showcase(project)
        _mentoring_application(_user(DEMO_EMAIL))
    stdout.write(
        f"  members : {len(PEOPLE)} comptes (dont {DEMO_EMAIL}), 2 espaces de travail, "
        "1 vitrine de projet"
    )


def _user(email: str):
    return get_user_model().objects.get(username=email)


def _fill(workspace: Workspace, seats, work_packages, discussions, files) -> None:
    """Seats, lots, threads and documents; loading the demo twice changes nothing."""
    for email, role in seats:
        WorkspaceMembership.objects.get_or_create(
            workspace=workspace, user=_user(email), defaults={"role": role}
        )
    lots = {}
    for order, (code, title) in enumerate(work_packages):
        lots[code], _created = WorkPackage.objects.get_or_create(
            workspace=workspace, code=code, defaults={"title": title, "sort_order": order}
        )
    if workspace.threads.exists():
        return
    start = timezone.now() - timedelta(days=len(discussions) + 3)
    for number, (subject, lot, posts) in enumerate(discussions):
        author, body = posts[0]
        thread = threads.start(
            workspace, _user(author), subject, body, work_package=lots.get(lot), notify=False
        )
        for author, body in posts[1:]:
            threads.reply(thread, _user(author), body, notify=False)
        # Spread the demo over the past days, as a real forum would look.
        moment = start + timedelta(days=number)
        Post.objects.filter(thread=thread).update(created_at=moment)
        Thread.objects.filter(pk=thread.pk).update(created_at=moment, last_post_at=moment)
    for title, lot, author, name, text in files:
        documents.add(
            workspace,
            _user(author),
            ContentFile(text.encode(), name=name),
            title=title,
            work_package=lots.get(lot),
        )


PROJECT_PARTNERS = [
    (
        "Passerelles",
        "France",
        "lead",
        "Cluster des industries culturelles et créatives, chef de file : coordination, suivi financier, évaluation.",
    ),
    (
        "Teatro dei Borghi",
        "Italie",
        "partner",
        "Compagnie de théâtre des Apennins, spécialiste des spectacles en plein air dans les villages.",
    ),
    (
        "Kulturhaus Waldviertel",
        "Autriche",
        "partner",
        "Centre culturel régional : résidences d’artistes et programmation itinérante en Basse-Autriche.",
    ),
    (
        "Centro Cultural del Bierzo",
        "Espagne",
        "partner",
        "Lieu patrimonial de Castille-et-León ; porte le volet médiation et publics du projet.",
    ),
]
GIULIA = "giulia.rossi@teatrodeiborghi.demo"
LUKAS = "lukas.huber@kulturhaus-waldviertel.demo"
ANA = "ana.garcia@bierzocultura.demo"
JULIEN = "julien.marchand@atelier-bazalte.demo"

PROJECT_THREADS = [
    (
        "Réunion de lancement à Clermont-Ferrand : ordre du jour",
        "LT1",
        [
            (
                DEMO_EMAIL,
                "Bonjour à toutes et à tous,\n\nVoici la proposition d’ordre du jour pour la réunion de lancement des 12 et 13 mars : tour de table, calendrier des résidences, règles de suivi budgétaire, plan de communication. Vos remarques sont les bienvenues d’ici vendredi.",
            ),
            (
                GIULIA,
                "Merci Claire ! Pourrions-nous ajouter un point sur les frais de déplacement ? Nos artistes viennent en train depuis Bologne, le trajet est long.",
            ),
            (
                ANA,
                "D’accord avec Giulia. Je propose aussi une visite du lieu de la première résidence, si le temps le permet.",
            ),
        ],
    ),
    (
        "Calendrier des résidences croisées 2026",
        "LT2",
        [
            (
                LUKAS,
                "Nous pouvons accueillir la première résidence du 4 au 22 mai à Zwettl. Hébergement sur place pour quatre personnes.",
            ),
            (
                DEMO_EMAIL,
                "Parfait, je note Zwettl en mai. Teatro dei Borghi en septembre, puis le Bierzo en octobre ?",
            ),
        ],
    ),
    (
        "Bilan carbone des tournées : méthode commune",
        "LT3",
        [
            (
                ANA,
                "Pour comparer nos tournées, utilisons le même calculateur et les mêmes postes : transport des équipes, du décor, hébergement, publics. Je dépose le tableur modèle dans les documents (LT3).",
            ),
        ],
    ),
]
PROJECT_FILES = [
    (
        "Compte rendu de la réunion de lancement",
        "LT1",
        DEMO_EMAIL,
        "compte-rendu-lancement.txt",
        "Réunion de lancement — Clermont-Ferrand, 12 et 13 mars\n\nPrésents : les quatre partenaires.\nDécisions : calendrier des résidences validé ; suivi budgétaire trimestriel ; prochaine réunion en ligne le 2 avril.\n",
    ),
    (
        "Modèle de bilan carbone des tournées",
        "LT3",
        ANA,
        "bilan-carbone-modele.csv",
        "poste;unité;facteur kgCO2e\ntrain;km.passager;0,003\nvoiture;km;0,218\ncamion décor;km;0,85\nnuitée;nuit;6,9\n",
    ),
    (
        "Convention de résidence (projet)",
        "LT2",
        LUKAS,
        "convention-residence.txt",
        "Convention de résidence — version de travail\n\nArticle 1 : objet de la résidence.\nArticle 2 : durée et lieu.\nArticle 3 : prise en charge des frais.\n",
    ),
]


def _project() -> Workspace:
    workspace, _created = Workspace.objects.update_or_create(
        slug="scenes-rurales",
        defaults={
            "name": "Scènes rurales en transition",
            "kind": Workspace.Kind.PROJECT,
            "description": "Projet de coopération Europe Créative 2025-2027 : quatre structures de quatre pays expérimentent des tournées écoconçues en milieu rural.",
        },
    )
    for order, (name, country, role, description) in enumerate(PROJECT_PARTNERS):
        Partner.objects.update_or_create(
            workspace=workspace,
            name=name,
            defaults={
                "country": country,
                "role": role,
                "description": description,
                "sort_order": order,
                "logo": images.logo(f"partenaire-{order}", name),
            },
        )
    _fill(
        workspace,
        [
            (DEMO_EMAIL, WorkspaceMembership.Role.COORDINATOR),
            (GIULIA, WorkspaceMembership.Role.PARTNER),
            (LUKAS, WorkspaceMembership.Role.PARTNER),
            (ANA, WorkspaceMembership.Role.PARTNER),
            (JULIEN, WorkspaceMembership.Role.OBSERVER),
        ],
        [
            ("LT1", "Coordination et gestion"),
            ("LT2", "Résidences croisées"),
            ("LT3", "Tournées écoconçues"),
            ("LT4", "Diffusion et évaluation"),
        ],
        PROJECT_THREADS,
        PROJECT_FILES,
    )
    return workspace


def _working_group() -> Workspace:
    workspace, _created = Workspace.objects.update_or_create(
        slug="emplois-competences-2026",
        defaults={
            "name": "Groupe de travail Emplois et compétences — promotion 2026",
            "kind": Workspace.Kind.WORKING_GROUP,
            "description": "Le groupe prospectif sur les métiers et les compétences de la filière : cinq séances dans l’année, une note de synthèse en décembre.",
        },
    )
    _fill(
        workspace,
        [
            (DEMO_EMAIL, WorkspaceMembership.Role.PARTNER),
            (JULIEN, WorkspaceMembership.Role.COORDINATOR),
            ("contact@pixel-dome.demo", WorkspaceMembership.Role.PARTNER),
            ("lea.roux@editions-du-puy.demo", WorkspaceMembership.Role.PARTNER),
        ],
        [],
        [
            (
                "Séance 2 : les métiers en tension",
                "",
                [
                    (
                        JULIEN,
                        "Pour la séance du 14 avril, chacun apporte deux exemples de recrutements difficiles dans sa structure au cours de l’année écoulée.",
                    ),
                    (
                        "contact@pixel-dome.demo",
                        "Chez nous : développeurs gameplay et régisseurs son. Nous avons mis six mois à pourvoir chaque poste.",
                    ),
                    (
                        "lea.roux@editions-du-puy.demo",
                        "Côté édition, ce sont les fabricants et les correcteurs qui manquent le plus.",
                    ),
                ],
            ),
        ],
        [
            (
                "Questionnaire aux structures (version 2)",
                "",
                JULIEN,
                "questionnaire-competences.txt",
                "1. Combien de personnes votre structure emploie-t-elle ?\n2. Quels postes avez-vous eu du mal à pourvoir cette année ?\n3. Quelles formations manquent sur le territoire ?\n",
            ),
        ],
    )
    return workspace


def _showcase(workspace: Workspace) -> None:
    upsert_page(
        home_page(),
        WorkspacePage,
        "scenes-rurales-en-transition",
        title="Scènes rurales en transition",
        workspace=workspace,
        funding="Projet cofinancé par le programme Europe Créative de l’Union européenne",
        intro="<p>Quatre structures culturelles de France, d’Italie, d’Autriche et d’Espagne inventent ensemble des tournées plus sobres pour les territoires ruraux : résidences croisées, bilan carbone partagé, rencontres avec les habitants.</p>",
    )


def _mentoring_application(user) -> None:
    """The demo member offered mentoring while logged in: "My space" lists the application."""
    programme = MentoringProgrammePage.objects.live().first()
    if programme is None:
        return
    application, created = Application.objects.get_or_create(
        programme=programme,
        email=DEMO_EMAIL,
        defaults={
            "account": user,
            "kind": Kind.OFFER,
            "name": "Claire Fontaine",
            "structure": "Compagnie des Volcans",
            "role": "Administratrice de production",
            "territory": Territory.objects.filter(name="Puy-de-Dôme").first(),
            "hours_per_month": 4,
            "format": Format.EITHER,
            "message": "Quinze ans de production en compagnie : budgets, tournées, paie.",
            "consent_version": CONSENT_VERSION,
            "consented_at": timezone.now(),
        },
    )
    if created:
        application.domains.set(ExpertiseDomain.objects.all()[:2])
