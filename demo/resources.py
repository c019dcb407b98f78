"""Demo content of the resources app: guides, training programmes, the mentoring scheme and
its call for applications, the directory. Idempotent: running it again updates what it made."""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from demo import images
from demo.utils import callout, faq, heading, home_page, odt_bytes, paragraph, table, upsert_page
from hub.models import Audience, Sector, Territory, Theme
from resources.models import (
    DirectoryPage,
    GuideDocument,
    GuidePage,
    Organisation,
    ResourceIndexPage,
    SchemeFormField,
    SupportSchemePage,
    TrainingProgrammePage,
    TrainingSession,
)

ORGANISATIONS = [
    (
        "AFDAS",
        "opco",
        "Opérateur de compétences des secteurs de la culture, des industries "
        "créatives, des médias et du sport : financement de la formation des salariés et des "
        "intermittents.",
        "https://www.afdas.com",
        ["France"],
    ),
    (
        "Région Auvergne-Rhône-Alpes",
        "local_authority",
        "Aides régionales à la création, à la "
        "diffusion et à la structuration des filières culturelles.",
        "https://www.auvergnerhonealpes.fr",
        ["Auvergne-Rhône-Alpes"],
    ),
    (
        "Bpifrance Création",
        "funder",
        "Prêts d’honneur, garanties et accompagnement des "
        "entreprises culturelles et créatives en création.",
        "https://bpifrance-creation.fr",
        ["France"],
    ),
    (
        "IFCIC",
        "funder",
        "Établissement de crédit spécialisé : garanties et prêts aux entreprises culturelles.",
        "https://www.ifcic.fr",
        ["France"],
    ),
    (
        "Collectif des festivals écoresponsables",
        "network",
        "Réseau de festivals qui partagent outils, diagnostics et achats responsables.",
        "",
        ["Auvergne-Rhône-Alpes"],
    ),
    (
        "Clermont Auvergne Métropole",
        "local_authority",
        "Soutien aux lieux, aux équipes artistiques et aux tiers-lieux culturels du territoire.",
        "https://www.clermontmetropole.eu",
        ["Clermont Auvergne Métropole"],
    ),
    (
        "Pépinière des industries créatives",
        "incubator",
        "Incubateur de projets de design, de "
        "jeu vidéo et de création numérique : hébergement, mentorat, mise en réseau.",
        "",
        ["Puy-de-Dôme"],
    ),
    (
        "Atelier Formation Spectacle",
        "training_body",
        "Organisme de formation certifié Qualiopi "
        "spécialisé dans la production et la technique du spectacle vivant.",
        "",
        ["Auvergne-Rhône-Alpes"],
    ),
    (
        "France Travail Spectacle",
        "other",
        "Accompagnement des artistes et techniciens du spectacle demandeurs d’emploi.",
        "https://www.francetravail.fr",
        ["France"],
    ),
    (
        "Europe Créative Desk France",
        "network",
        "Information et conseil sur le programme "
        "Europe Créative : appels, partenaires, montage des dossiers.",
        "https://www.relais-culture-europe.eu",
        ["Union européenne"],
    ),
]


def load(stdout) -> None:
    with transaction.atomic():
        organisations = _organisations()
        home = home_page()
        index = upsert_page(
            home,
            ResourceIndexPage,
            "ressources",
            title="Ressources",
            show_in_menus=True,
            search_description="Guides, formations et dispositifs d’accompagnement pour les "
            "professionnels des industries culturelles et créatives.",
            intro="<p>Guides, référentiels, formations et dispositifs d’accompagnement pour "
            "traverser les transitions. Filtrez par thématique, public, filière ou territoire.</p>",
        )
        upsert_page(
            home,
            DirectoryPage,
            "annuaire",
            title="Annuaire des structures",
            show_in_menus=True,
            search_description="Financeurs, OPCO, organismes de formation, réseaux, "
            "collectivités et incubateurs qui accompagnent les industries créatives.",
            intro="<p>Qui peut vous aider ? Financeurs, OPCO, organismes de formation, réseaux, "
            "collectivités et incubateurs, filtrables par type et par territoire.</p>",
        )
        guides = _guides(index, organisations)
        programmes = _programmes(index, organisations)
        _mentoring(index)
    stdout.write(
        f"  ressources : {len(guides)} guides, {len(programmes)} formations, 1 dispositif, "
        f"{len(organisations)} structures"
    )


def _terms(model, *names):
    return list(model.objects.filter(name__in=names))


def _organisations() -> dict[str, Organisation]:
    result = {}
    for name, kind, description, website, territories in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "description": description, "website": website}
        )
        organisation.territories.set(_terms(Territory, *territories))
        result[name] = organisation
    return result


def _action_plan_document():
    Document = get_document_model()
    title = "Plan d’action spectacle vivant (tableur)"
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = (
            "Enjeu;Mots-clés;Actions;Commentaires\n"
            "Mobilité des équipes et des publics;train, covoiturage;Privilégier le train pour "
            "les équipes;Négocier des tarifs de groupe\n"
            "Décors et costumes;réemploi, ressourcerie;Concevoir démontable et réutilisable;"
            "Mutualiser les stocks entre compagnies\n"
        )
        document = Document(title=title, description="Le plan d’action au format tableur.")
        document.file.save("plan-action-spectacle-vivant.csv", ContentFile(content.encode()))
        document.save()
    return document


def _guides(index, organisations) -> list[GuidePage]:
    ecology = _terms(Theme, "Transition écologique")
    skills = _terms(Theme, "Compétences et emploi")
    management = _terms(Theme, "Management")
    digital = _terms(Theme, "Numérique")
    funding = _terms(Theme, "Financement")
    structures = _terms(Audience, "Entreprises et structures", "Dirigeants et managers")
    everyone = _terms(Audience, "Artistes et auteurs", "Salariés", "Entreprises et structures")
    live = _terms(Sector, "Spectacle vivant", "Musiques actuelles")
    region = _terms(Territory, "Auvergne-Rhône-Alpes")
    today = timezone.localdate()
    specs = [
        dict(
            slug="anticiper-metiers-competences-transition-ecologique",
            title="Anticiper l’évolution des métiers et des compétences induite par la "
            "transition écologique",
            guide_type="recommendations",
            summary="Les recommandations du groupe de travail prospectif : quels métiers "
            "changent, quelles compétences développer et comment s’organiser dès maintenant.",
            publication_date=today - timedelta(days=12),
            themes=ecology + skills,
            audiences=structures,
            sectors=live,
            territories=region,
            contributors=[organisations["AFDAS"], organisations["Atelier Formation Spectacle"]],
            body=[
                heading("Pourquoi anticiper"),
                paragraph(
                    "<p>La réduction de l’empreinte carbone des tournées, l’écoconception des "
                    "décors et la sobriété énergétique des lieux transforment déjà les métiers "
                    "de la régie, de la production et de l’administration. Les structures qui "
                    "anticipent gagnent du temps et fidélisent leurs équipes.</p>"
                ),
                heading("Les métiers qui évoluent"),
                paragraph(
                    "<ul><li><b>Régie générale</b> : bilan énergétique, choix de matériel "
                    "sobre.</li><li><b>Production</b> : mutualisation des tournées, calcul des "
                    "émissions.</li><li><b>Construction de décors</b> : réemploi, matériaux "
                    "biosourcés.</li></ul>"
                ),
                callout(
                    "<p>Le plan de développement des compétences peut être financé par votre "
                    "OPCO : parlez-en à votre conseiller AFDAS.</p>",
                    title="Bon à savoir",
                    kind="tip",
                ),
                {
                    "type": "faq",
                    "value": {
                        "title": "Questions fréquentes",
                        "items": [
                            {
                                "question": "Par où commencer dans une petite structure ?",
                                "answer": "<p>Par un entretien avec chaque salarié sur ses "
                                "pratiques, puis un plan de formation sur deux ans.</p>",
                            },
                            {
                                "question": "Faut-il recruter de nouveaux profils ?",
                                "answer": "<p>Rarement : la plupart des besoins se couvrent "
                                "par la formation et la transmission entre pairs.</p>",
                            },
                        ],
                    },
                },
            ],
        ),
        dict(
            slug="reduire-empreinte-carbone-tournee",
            title="Réduire l’empreinte carbone d’une tournée",
            guide_type="guide",
            summary="Mesurer ce qu’émet une tournée, regrouper les dates, choisir le train, "
            "alléger la fiche technique et agir avec les lieux sur la venue des publics : un "
            "plan en trois saisons, un tableau de suivi et une charte d’accueil à adapter.",
            publication_date=today - timedelta(days=8),
            last_reviewed=today - timedelta(days=2),
            themes=ecology,
            audiences=everyone,
            sectors=live,
            territories=region,
            contributors=[
                organisations["Collectif des festivals écoresponsables"],
                organisations["Atelier Formation Spectacle"],
            ],
            body=TOUR_BODY,
            documents=_tour_documents(),
        ),
        dict(
            slug="ecoconcevoir-une-exposition",
            title="Écoconcevoir une exposition",
            guide_type="guide",
            summary="Du cahier des charges au démontage : matériaux de réemploi, transport "
            "et conservation des œuvres, éclairage sobre et seconde vie de la scénographie.",
            publication_date=today - timedelta(days=20),
            last_reviewed=today - timedelta(days=6),
            themes=ecology,
            audiences=structures,
            sectors=_terms(Sector, "Arts visuels", "Design", "Patrimoine"),
            territories=region,
            contributors=[organisations["Pépinière des industries créatives"]],
            body=EXHIBITION_BODY,
            documents=_exhibition_documents(),
        ),
        dict(
            slug="plan-action-filiere-spectacle-vivant",
            title="Plan d’action de la filière spectacle vivant",
            guide_type="framework",
            summary="Les enjeux prioritaires de la filière, les mots-clés pour s’y retrouver, "
            "les actions proposées et les commentaires du groupe de travail.",
            publication_date=today - timedelta(days=45),
            themes=ecology + management,
            audiences=structures,
            sectors=live,
            territories=region,
            contributors=[organisations["Région Auvergne-Rhône-Alpes"]],
            body=[
                paragraph(
                    "<p>Ce plan d’action a été construit en ateliers avec une trentaine de "
                    "structures de la région. Il sera relu chaque année.</p>"
                ),
                {
                    "type": "action_plan",
                    "value": {
                        "title": "Plan d’action 2026-2028",
                        "introduction": "<p>Quatre enjeux, classés par priorité.</p>",
                        "rows": [
                            {
                                "stake": "Mobilité des équipes et des publics",
                                "keywords": "train, covoiturage, navettes",
                                "actions": "<ul><li>Privilégier le train pour les équipes."
                                "</li><li>Proposer des navettes depuis les gares.</li></ul>",
                                "comments": "<p>Négocier des tarifs de groupe.</p>",
                            },
                            {
                                "stake": "Décors et costumes",
                                "keywords": "réemploi, ressourcerie, écoconception",
                                "actions": "<p>Concevoir démontable et réutilisable.</p>",
                                "comments": "<p>Mutualiser les stocks entre compagnies.</p>",
                            },
                            {
                                "stake": "Énergie des lieux",
                                "keywords": "sobriété, LED, chauffage",
                                "actions": "<p>Diagnostic énergétique et passage aux LED.</p>",
                                "comments": "<p>Aides régionales mobilisables.</p>",
                            },
                            {
                                "stake": "Compétences",
                                "keywords": "formation, transmission, GPEC",
                                "actions": "<p>Former un référent transition par structure.</p>",
                                "comments": "<p>Voir le programme de mentorat.</p>",
                            },
                        ],
                    },
                },
            ],
            documents=[
                GuideDocument(document=_action_plan_document(), title="Le plan au format tableur")
            ],
        ),
        dict(
            slug="sobriete-numerique-structures-culturelles",
            title="Sobriété numérique dans les structures culturelles",
            guide_type="toolkit",
            summary="Une boîte à outils pour réduire l’impact du numérique : matériel, "
            "stockage, vidéo, sites web.",
            publication_date=today - timedelta(days=60),
            themes=digital + ecology,
            audiences=everyone,
            sectors=_terms(Sector, "Audiovisuel et cinéma", "Jeux vidéo", "Design"),
            territories=region,
            contributors=[],
            body=[
                paragraph(
                    "<p>Allonger la durée de vie du matériel reste le levier le plus efficace. "
                    "Viennent ensuite le tri des fichiers stockés et la compression des vidéos "
                    "diffusées en ligne.</p>"
                ),
            ],
        ),
        dict(
            slug="financer-projet-europe-creative",
            title="Financer un projet de coopération avec Europe Créative",
            guide_type="guide",
            summary="Comprendre les volets du programme, trouver des partenaires et monter un "
            "dossier de coopération européenne.",
            publication_date=today - timedelta(days=90),
            themes=funding + _terms(Theme, "Europe"),
            audiences=structures,
            sectors=[],
            territories=_terms(Territory, "Union européenne"),
            contributors=[organisations["Europe Créative Desk France"]],
            body=[
                paragraph(
                    "<p>Les projets de coopération réunissent au moins trois structures de trois "
                    "pays. Prévoyez six mois de préparation et appuyez-vous sur le bureau "
                    "Europe Créative.</p>"
                ),
            ],
        ),
        dict(
            slug="etude-emploi-industries-creatives-2025",
            title="Étude : l’emploi dans les industries créatives de la région",
            guide_type="study",
            summary="Chiffres clés, métiers en tension et besoins de formation exprimés par "
            "les employeurs en 2025.",
            publication_date=today - timedelta(days=120),
            themes=skills,
            audiences=_terms(Audience, "Collectivités territoriales", "Dirigeants et managers"),
            sectors=_terms(Sector, "Spectacle vivant", "Jeux vidéo", "Design"),
            territories=region,
            contributors=[organisations["AFDAS"]],
            body=[
                paragraph(
                    "<p>Les métiers de la régie et du développement de jeux vidéo sont les plus "
                    "en tension. Les employeurs citent d’abord les compétences en gestion de "
                    "projet et en écoconception.</p>"
                ),
            ],
        ),
    ]
    pages = []
    for spec in specs:
        slug = spec.pop("slug")
        spec["image"] = images.illustration(f"guide-{slug}", GUIDE_MOTIFS[slug], spec["title"])
        pages.append(upsert_page(index, GuidePage, slug, **spec))
    return pages


# Each resource's picture (see demo.images): a motif that says what it is about.
GUIDE_MOTIFS = {
    "anticiper-metiers-competences-transition-ecologique": "competences",
    "reduire-empreinte-carbone-tournee": "spectacle",
    "ecoconcevoir-une-exposition": "arts",
    "plan-action-filiere-spectacle-vivant": "ecologie",
    "sobriete-numerique-structures-culturelles": "numerique",
    "financer-projet-europe-creative": "europe",
    "etude-emploi-industries-creatives-2025": "design",
}


TRAINING_MOTIFS = {
    "bilan-carbone-spectacle": "ecologie",
    "manager-en-periode-de-transition": "competences",
    "ecoconception-jeu-video": "jeux",
}


def _sessions(today: date, place: str, offsets, full_at=None) -> list[TrainingSession]:
    sessions = []
    for position, (start, length) in enumerate(offsets):
        sessions.append(
            TrainingSession(
                start_date=today + timedelta(days=start),
                end_date=today + timedelta(days=start + length - 1),
                place=place,
                seats=12,
                status="full" if position == full_at else "open",
                registration_url="https://formation.passerelles.example/inscription",
            )
        )
    return sessions


def _programmes(index, organisations) -> list[TrainingProgrammePage]:
    today = timezone.localdate()
    trainer = organisations["Atelier Formation Spectacle"]
    common = dict(
        accessibility="Locaux accessibles de plain-pied. Nous adaptons les supports et le "
        "rythme : parlez-nous de vos besoins avant l’inscription.",
        accessibility_contact="Claire Martin, handicap@passerelles.example",
        access_delay="Inscription jusqu’à 15 jours avant le début de la session.",
        training_organisation=trainer,
        contact_name="Service formation",
        contact_email="formation@passerelles.example",
        contact_phone="04 73 00 00 01",
        assessment_methods="<p>Quiz de positionnement, mise en situation, questionnaire de "
        "satisfaction à chaud et à trois mois.</p>",
        teaching_methods="<p>Apports, études de cas de la filière, ateliers en sous-groupes, "
        "ressources remises à chaque stagiaire.</p>",
    )
    specs = [
        dict(
            slug="bilan-carbone-spectacle",
            title="Réaliser le bilan carbone d’un spectacle ou d’un festival",
            summary="Deux jours pour mesurer les émissions d’une production et bâtir un plan de "
            "réduction réaliste.",
            objectives="<ul><li>Identifier les postes d’émissions d’une production.</li>"
            "<li>Collecter les données et utiliser un calculateur.</li><li>Construire un plan "
            "de réduction.</li></ul>",
            expected_results="<p>Chaque stagiaire repart avec le bilan de sa production et trois "
            "actions chiffrées.</p>",
            target_audience="Administrateurs, chargés de production, régisseurs.",
            prerequisites="<p>Aucun ; venir avec les données d’une production.</p>",
            programme_content="<h3>Jour 1</h3><p>Méthode, périmètre, collecte.</p><h3>Jour 2"
            "</h3><p>Calcul, lecture des résultats, plan d’action.</p>",
            duration_hours=14,
            duration_days=2,
            modality="on_site",
            place="Clermont-Ferrand",
            price_per_person=640,
            price_note="Tarif structure. Prise en charge possible par l’AFDAS.",
            funding_opco=True,
            funding_self=True,
            certification="none",
            themes=_terms(Theme, "Transition écologique"),
            sectors=_terms(Sector, "Spectacle vivant", "Musiques actuelles"),
            sessions=_sessions(today, "Clermont-Ferrand", [(21, 2), (84, 2)], full_at=0),
        ),
        dict(
            slug="manager-en-periode-de-transition",
            title="Manager une équipe culturelle en période de transition",
            summary="Conduire le changement, répartir les nouvelles missions et préserver la "
            "qualité de vie au travail.",
            objectives="<ul><li>Accompagner une équipe dans un changement d’organisation.</li>"
            "<li>Conduire les entretiens professionnels.</li></ul>",
            expected_results="<p>Un plan d’accompagnement de l’équipe sur un an.</p>",
            target_audience="Dirigeants et responsables d’équipe.",
            prerequisites="<p>Encadrer au moins une personne.</p>",
            programme_content="<p>Gouvernance partagée, entretiens, dialogue social, "
            "prévention des risques psychosociaux.</p>",
            duration_hours=21,
            duration_days=3,
            modality="blended",
            place="Clermont-Ferrand et à distance",
            price_per_person=900,
            funding_opco=True,
            funding_cpf=False,
            certification="none",
            themes=_terms(Theme, "Management", "Compétences et emploi"),
            sectors=_terms(Sector, "Spectacle vivant", "Arts visuels", "Patrimoine"),
            sessions=_sessions(today, "Clermont-Ferrand", [(35, 3)]),
        ),
        dict(
            slug="ecoconception-jeu-video",
            title="Écoconception d’un jeu vidéo",
            summary="Réduire l’empreinte d’un jeu du prototype à la distribution : moteurs, "
            "assets, serveurs, éco-score.",
            objectives="<ul><li>Évaluer l’empreinte d’un jeu.</li><li>Appliquer les bonnes "
            "pratiques d’optimisation.</li></ul>",
            expected_results="<p>Une grille d’écoconception appliquée à votre projet.</p>",
            target_audience="Développeurs, game designers, producteurs.",
            prerequisites="<p>Pratique d’un moteur de jeu.</p>",
            programme_content="<p>Mesure, optimisation des assets, serveurs, distribution.</p>",
            duration_hours=7,
            duration_days=1,
            modality="remote",
            place="À distance",
            price_per_person=0,
            price_note="Gratuit pour les membres du cluster.",
            funding_region=True,
            certification="rs",
            certification_code="RS6071",
            certification_title="Mettre en œuvre une démarche d’écoconception numérique",
            themes=_terms(Theme, "Numérique", "Transition écologique"),
            sectors=_terms(Sector, "Jeux vidéo"),
            sessions=_sessions(today, "Classe virtuelle", [(14, 1), (42, 1), (70, 1)]),
        ),
    ]
    pages = []
    for spec in specs:
        spec.update(common)
        spec.setdefault("territories", _terms(Territory, "Auvergne-Rhône-Alpes"))
        spec.setdefault("audiences", _terms(Audience, "Salariés", "Dirigeants et managers"))
        spec["publication_date"] = today - timedelta(days=20 + len(pages) * 15)
        slug = spec.pop("slug")
        spec["image"] = images.illustration(
            f"formation-{slug}", TRAINING_MOTIFS[slug], spec["title"]
        )
        pages.append(upsert_page(index, TrainingProgrammePage, slug, **spec))
    return pages


MENTORING_FIELDS = [
    (
        "Je souhaite",
        "radio",
        "Devenir mentor ou mentore\nÊtre accompagné·e par un mentor",
        True,
        "",
    ),
    ("Nom et prénom", "singleline", "", True, ""),
    ("E-mail", "email", "", True, "Nous vous écrivons à cette adresse."),
    ("Structure", "singleline", "", True, "Compagnie, label, studio, lieu…"),
    ("Fonction", "singleline", "", True, ""),
    (
        "Région",
        "dropdown",
        "Auvergne-Rhône-Alpes\nBourgogne-Franche-Comté\nOccitanie\n"
        "Nouvelle-Aquitaine\nAutre région",
        True,
        "",
    ),
    (
        "Domaines d’expertise",
        "checkboxes",
        "Production\nDiffusion et tournée\nAdministration "
        "et gestion\nÉcoconception\nCommunication et publics\nFinancement et Europe",
        True,
        "Ce que vous transmettez, ou ce sur quoi vous cherchez un accompagnement.",
    ),
    ("Vos attentes en quelques lignes", "multiline", "", False, ""),
]


def _mentoring(index) -> SupportSchemePage:
    deadline = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=45), time(23, 59))
    )
    return upsert_page(
        index,
        SupportSchemePage,
        "mentorat-entre-pairs",
        title="Mentorat entre pairs : transmettre un savoir-faire",
        image=images.illustration("dispositif-mentorat", "passerelles", "Mentorat entre pairs"),
        summary="Un programme de six mois qui met en relation professionnels expérimentés et "
        "structures plus jeunes. Appel à candidatures ouvert.",
        publication_date=timezone.localdate() - timedelta(days=5),
        scheme_kind="individual",
        themes=_terms(Theme, "Compétences et emploi", "Management"),
        audiences=_terms(Audience, "Entreprises et structures", "Artistes et auteurs"),
        sectors=_terms(Sector, "Spectacle vivant", "Musiques actuelles", "Arts visuels"),
        territories=_terms(Territory, "Auvergne-Rhône-Alpes"),
        for_whom="<p>Les professionnels qui veulent <b>transmettre</b> un savoir-faire, et les "
        "structures de moins de cinq ans qui souhaitent être <b>accompagnées</b>.</p>",
        eligibility="<ul><li>Structure installée en Auvergne-Rhône-Alpes.</li><li>Disponibilité "
        "d’une demi-journée par mois pendant six mois.</li></ul>",
        benefits="<p>Un binôme choisi avec soin, trois rencontres collectives, un carnet de "
        "bord et l’accès aux formations du cluster.</p>",
        how_it_works="<p>Après l’appel, un comité forme les binômes. Chaque binôme fixe ses "
        "objectifs puis se retrouve une fois par mois ; le cluster anime les temps collectifs."
        "</p>",
        how_to_apply="<p>Remplissez le formulaire ci-dessous avant la date limite. Le comité "
        "répond à chaque candidature.</p>",
        contacts='<p>Équipe mentorat : <a href="mailto:mentorat@passerelles.example">'
        "mentorat@passerelles.example</a></p>",
        deadline=deadline,
        form_intro="<p>Dix minutes suffisent. Vous recevrez un récapitulatif par e-mail.</p>",
        thank_you_text="<p>Merci ! Le comité étudie les candidatures dans le mois qui suit la "
        "clôture de l’appel.</p>",
        confirmation_subject="Votre candidature au programme de mentorat",
        confirmation_text="Merci pour votre candidature au programme de mentorat entre pairs. "
        "Le comité se réunit après la clôture de l’appel et vous répond dans le mois.",
        to_address="mentorat@passerelles.example",
        subject="Nouvelle candidature au mentorat",
        form_fields=[
            SchemeFormField(
                sort_order=order,
                label=label,
                field_type=kind,
                choices=choices,
                required=required,
                help_text=help_text,
            )
            for order, (label, kind, choices, required, help_text) in enumerate(MENTORING_FIELDS)
        ],
    )


# --- Two guides in depth: what a guide page can hold ---------------------------------------

TOUR_ACTION_PLAN = {
    "title": "Plan d’action sur trois saisons",
    "introduction": "<p>Ce qu’une compagnie ou un label peut engager, saison après saison, "
    "sans moyens dédiés au départ.</p>",
    "rows": [
        {
            "stake": "Mesurer",
            "keywords": "bilan, données, facteurs d’émission",
            "actions": "<ul><li>Relever dès la prochaine date les kilomètres par mode, le "
            "poids du fret, les nuitées et les repas.</li><li>Calculer l’empreinte avec les "
            "facteurs de la Base Empreinte de l’ADEME.</li></ul>",
            "comments": "<p>Saison 1. Un tableur suffit : le modèle est joint à ce guide.</p>",
        },
        {
            "stake": "Itinéraire",
            "keywords": "routage, bassin, résidence",
            "actions": "<ul><li>Regrouper les dates par bassin, viser trois dates au moins par "
            "déplacement.</li><li>Proposer aux lieux voisins des dates enchaînées.</li></ul>",
            "comments": "<p>Saison 1 à 2. À négocier dès la préachat, pas après.</p>",
        },
        {
            "stake": "Transports des équipes",
            "keywords": "train, covoiturage, dernier kilomètre",
            "actions": "<ul><li>Train par défaut au-dessous de 6 heures de trajet.</li><li>"
            "Demander au lieu une navette depuis la gare.</li></ul>",
            "comments": "<p>Prévoir le surcoût éventuel dans le budget de production.</p>",
        },
        {
            "stake": "Fret et technique",
            "keywords": "fiche technique légère, matériel local",
            "actions": "<ul><li>Écrire une version légère de la fiche technique.</li><li>"
            "Louer sur place plutôt que transporter le backline.</li></ul>",
            "comments": "<p>Saison 2. Un camion plus petit, parfois aucun.</p>",
        },
        {
            "stake": "Publics",
            "keywords": "mobilité des spectateurs, horaires",
            "actions": "<ul><li>Caler les horaires sur les derniers trains et bus.</li><li>"
            "Informer sur le covoiturage avec la billetterie.</li></ul>",
            "comments": "<p>Saison 2 à 3. Avec les lieux, souvent le premier poste d’émissions."
            "</p>",
        },
    ],
}

TOUR_BODY = [
    paragraph(
        "<p>Une tournée de théâtre ou de musique émet surtout par ses <b>déplacements</b> : "
        "ceux des équipes, du décor et, plus encore, ceux des spectateurs. La bonne nouvelle : "
        "les leviers les plus efficaces ne demandent ni matériel ni budget nouveaux, mais une "
        "autre façon de construire le calendrier. Ce guide rassemble ce que les structures du "
        "cluster ont testé depuis trois saisons.</p>"
    ),
    heading("D’où viennent les émissions d’une tournée"),
    paragraph(
        "<p>Dans la plupart des bilans publiés par des compagnies et des festivals, la mobilité "
        "représente plus de la moitié de l’empreinte. L’ordre des postes change selon la "
        "jauge et le territoire, mais on retrouve presque toujours :</p>"
        "<ol><li><b>La venue des publics</b>, surtout dans les lieux mal desservis.</li>"
        "<li><b>Les déplacements de l’équipe</b> : voiture ou avion plutôt que train.</li>"
        "<li><b>Le fret</b> du décor, des costumes et du backline.</li>"
        "<li><b>L’hébergement et les repas</b>, dont la part carnée pèse lourd.</li>"
        "<li><b>L’énergie du plateau</b>, en général faible pour une date isolée.</li></ol>"
    ),
    table(
        "Ordres de grandeur des émissions par mode de transport (France)",
        ["Mode", "Émissions par voyageur et par km", "À retenir"],
        [
            ["TGV", "quelques grammes de CO₂e", "Le choix par défaut pour l’équipe."],
            ["TER, Intercités", "quelques dizaines de grammes", "Bien moins que la route."],
            ["Voiture, une personne", "environ 200 g", "À partager : divisé par quatre à quatre."],
            ["Camion de 12 m³", "selon le chargement", "Mutualiser le fret entre équipes."],
            ["Avion court-courrier", "plus de 200 g", "À réserver à l’international lointain."],
        ],
    ),
    callout(
        "<p>Ces valeurs sont des ordres de grandeur tirés de la Base Empreinte de l’ADEME : "
        "pour votre bilan, reprenez les facteurs à jour de la base.</p>",
        title="Des chiffres à vérifier",
        kind="info",
    ),
    heading("Mesurer avant d’agir"),
    paragraph(
        "<p>Un premier bilan se fait en une journée, à partir de données que la production "
        "connaît déjà. Il ne vise pas la précision, mais à savoir où porter l’effort.</p>"
    ),
    heading("Les données à collecter dès la prochaine date", "h3"),
    paragraph(
        "<ul><li>Les kilomètres parcourus, par personne et par mode de transport.</li>"
        "<li>Le volume ou le poids du fret, et le véhicule utilisé.</li>"
        "<li>Le nombre de nuitées et de repas, en distinguant les repas végétariens.</li>"
        "<li>La jauge, et ce que le lieu sait de la venue de ses publics.</li></ul>"
    ),
    heading("Dessiner un itinéraire cohérent"),
    paragraph(
        "<p>Le levier le plus puissant est le <b>routage</b> : regrouper les dates par bassin "
        "géographique, enchaîner les lieux voisins, éviter les allers-retours vers la base. Une "
        "tournée « en étoile » autour d’une résidence permet de jouer cinq fois dans un rayon "
        "de 60 km sans reprendre la route chaque soir.</p>"
        "<p>Parlez-en aux programmateurs dès la préachat : les réseaux de diffusion régionaux "
        "coordonnent de plus en plus leurs calendriers pour proposer des dates enchaînées.</p>"
    ),
    {
        "type": "quote",
        "value": {
            "quote": "En regroupant nos dates par département, nous avons divisé par deux les "
            "kilomètres parcourus sans perdre une seule représentation.",
            "attribution": "Une chargée de diffusion d’une compagnie de Clermont-Ferrand",
        },
    },
    heading("Choisir les transports"),
    paragraph(
        "<p>Pour l’équipe, le <b>train</b> devient la règle en dessous de six heures de trajet, "
        "avec une navette du lieu pour le dernier kilomètre. Pour le décor, un seul camion bien "
        "rempli vaut mieux que deux à moitié vides : la mutualisation du fret entre équipes "
        "d’un même festival est une pratique qui se diffuse.</p>"
    ),
    heading("Alléger la fiche technique"),
    paragraph(
        "<p>Écrivez une <b>version légère</b> de votre fiche technique : lumière en LED, son "
        "fourni par le lieu, décor démontable qui tient dans un utilitaire. Elle ouvre aussi "
        "les portes des petites salles et des lieux non équipés.</p>"
    ),
    callout(
        "<p>Beaucoup de lieux connaissent la part de leurs publics venus en voiture. Demandez-la "
        ": c’est la donnée qui manque le plus souvent aux compagnies.</p>",
        title="Conseil",
        kind="tip",
    ),
    {"type": "action_plan", "value": TOUR_ACTION_PLAN},
    faq(
        [
            (
                "Faut-il payer un bureau d’études pour faire son bilan carbone ?",
                "<p>Pas pour commencer. Un premier bilan, fait en interne avec le tableur joint "
                "et les facteurs de l’ADEME, suffit à choisir ses priorités. Un accompagnement "
                "devient utile pour une démarche certifiée ou un festival de grande jauge.</p>",
            ),
            (
                "Le train coûte plus cher : comment le budgéter ?",
                "<p>Anticipez : les billets achetés tôt et les abonnements professionnels "
                "réduisent l’écart. Inscrivez la ligne dès le budget de production, et "
                "demandez aux lieux d’accueil une participation au transport.</p>",
            ),
            (
                "Que faire quand un lieu n’est desservi par aucun transport en commun ?",
                "<p>Proposez un covoiturage organisé avec la billetterie, une navette depuis la "
                "gare la plus proche, ou un horaire compatible avec le dernier car.</p>",
            ),
            (
                "Réduire les émissions, est-ce réduire le nombre de dates ?",
                "<p>Non : un meilleur routage permet souvent de jouer plus, sur un territoire "
                "plus resserré. C’est le sens du « ralentir pour mieux tourner ».</p>",
            ),
        ]
    ),
]

EXHIBITION_ACTION_PLAN = {
    "title": "Les gestes clés, phase par phase",
    "introduction": "<p>À partager avec le commissariat, la scénographie et la régie dès la "
    "première réunion.</p>",
    "rows": [
        {
            "stake": "Conception",
            "keywords": "cahier des charges, modularité",
            "actions": "<ul><li>Inscrire des objectifs de réemploi dans le cahier des "
            "charges.</li><li>Dessiner à partir des stocks existants.</li></ul>",
            "comments": "<p>C’est ici que se joue l’essentiel : 80 % des choix sont faits.</p>",
        },
        {
            "stake": "Fabrication",
            "keywords": "réemploi, matériaux, assemblage",
            "actions": "<ul><li>Préférer le bois massif non traité aux panneaux composites."
            "</li><li>Visser plutôt que coller, pour pouvoir démonter.</li></ul>",
            "comments": "<p>Les ressourceries culturelles fournissent cimaises et socles.</p>",
        },
        {
            "stake": "Transport des œuvres",
            "keywords": "caisses, groupage, climat",
            "actions": "<ul><li>Louer ou réutiliser les caisses.</li><li>Grouper les "
            "convoiements entre prêteurs proches.</li></ul>",
            "comments": "<p>Revoir avec les prêteurs les conditions climatiques exigées.</p>",
        },
        {
            "stake": "Exploitation",
            "keywords": "éclairage, énergie, médiation",
            "actions": "<ul><li>Éclairage LED avec gradation et minuteries.</li><li>"
            "Médiation numérique sobre : pas d’écran allumé sans visiteur.</li></ul>",
            "comments": "<p>Suivre la consommation mensuelle de la salle.</p>",
        },
        {
            "stake": "Démontage",
            "keywords": "seconde vie, don, stockage",
            "actions": "<ul><li>Prévoir dès la conception la destination de chaque élément."
            "</li><li>Documenter le mobilier pour sa réutilisation.</li></ul>",
            "comments": "<p>Une fiche par élément : dimensions, matériau, état.</p>",
        },
    ],
}

EXHIBITION_BODY = [
    paragraph(
        "<p>Une exposition temporaire produit, en quelques mois, des cimaises, des socles, des "
        "vitrines et des imprimés qui finissent trop souvent à la benne. L’écoconception "
        "consiste à penser, dès le départ, ce que deviendra chaque élément. Ce guide suit les "
        "étapes d’un projet, du cahier des charges au démontage.</p>"
    ),
    heading("Penser la seconde vie dès le cahier des charges"),
    paragraph(
        "<p>Écrivez dans le cahier des charges de la scénographie des objectifs mesurables : "
        "part de matériaux de réemploi, éléments démontables, destination prévue après "
        "l’exposition. Un scénographe qui connaît ces contraintes dès le départ dessine "
        "autrement.</p>"
    ),
    heading("Matériaux : ce qui change tout", "h3"),
    paragraph(
        "<ul><li><b>Réemploi d’abord</b> : cimaises, socles et vitrines d’expositions "
        "précédentes, ou issus d’une ressourcerie culturelle.</li>"
        "<li><b>Bois massif</b> non traité plutôt que panneaux composites, difficiles à "
        "recycler.</li><li><b>Assemblages vissés</b> plutôt que collés.</li>"
        "<li><b>Peintures</b> à faible émission de composés organiques volatils.</li></ul>"
    ),
    table(
        "Matériaux courants de scénographie",
        ["Matériau", "Réemploi possible", "Point d’attention"],
        [
            ["Bois massif", "Oui, plusieurs fois", "Éviter les traitements et vernis."],
            ["Contreplaqué", "Oui, s’il est vissé", "Préférer des colles sans formaldéhyde."],
            ["Médium (MDF)", "Rarement", "Se dégrade au démontage, mal recyclé."],
            ["Métal (structures)", "Oui, très durable", "Louer les structures standard."],
            ["Bâches et adhésifs", "Non", "Limiter, préférer le textile réutilisable."],
        ],
    ),
    heading("Transporter et conserver les œuvres"),
    paragraph(
        "<p>Le transport des œuvres pèse lourd, surtout pour les prêts internationaux. Groupez "
        "les convoiements de prêteurs proches, réutilisez les caisses et discutez avec les "
        "prêteurs des conditions climatiques exigées : de nombreux musées appliquent "
        "désormais des plages de température et d’humidité plus larges, comme le recommande "
        "le protocole vert du groupe Bizot, ce qui réduit fortement la climatisation.</p>"
    ),
    heading("Éclairer et exploiter avec sobriété"),
    paragraph(
        "<p>L’éclairage LED, bien réglé, protège les œuvres et divise la consommation. Ajoutez "
        "gradation et minuteries, éteignez écrans et projecteurs hors des heures d’ouverture, "
        "et suivez chaque mois la consommation de la salle.</p>"
    ),
    callout(
        "<p>Une signalétique imprimée sur des supports génériques (le titre seul change) se "
        "réutilise d’une exposition à l’autre.</p>",
        title="Astuce",
        kind="tip",
    ),
    heading("Démonter sans jeter"),
    paragraph(
        "<p>Prévoyez avant l’ouverture la destination de chaque élément : stockage pour une "
        "prochaine exposition, don à une école d’art ou à une ressourcerie, recyclage en "
        "dernier recours. Une fiche par élément, avec dimensions et matériaux, facilite sa "
        "réutilisation par d’autres.</p>"
    ),
    {"type": "action_plan", "value": EXHIBITION_ACTION_PLAN},
    faq(
        [
            (
                "L’écoconception coûte-t-elle plus cher ?",
                "<p>La conception demande un peu plus de temps, mais le réemploi et la location "
                "réduisent souvent le budget de fabrication. Le coût d’évacuation des déchets, "
                "souvent oublié, diminue aussi.</p>",
            ),
            (
                "Où trouver des matériaux de réemploi ?",
                "<p>Auprès des ressourceries culturelles, des autres lieux d’exposition du "
                "réseau et des plateformes de dons entre structures. L’annuaire du cluster "
                "en recense plusieurs.</p>",
            ),
            (
                "Les prêteurs acceptent-ils des conditions climatiques plus souples ?",
                "<p>De plus en plus, pour la plupart des œuvres. Posez la question tôt, œuvre "
                "par œuvre, avec l’appui de votre régie.</p>",
            ),
        ]
    ),
]


def _document(title: str, filename: str, content: bytes, description: str):
    """The demo document `title`, created once from `content`."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, description=description)
        document.file.save(filename, ContentFile(content))
        document.save()
    return document


def _tour_documents() -> list[GuideDocument]:
    tracking = _document(
        "Suivi des émissions d’une tournée (tableur)",
        "suivi-emissions-tournee.csv",
        (
            "Date;Ville;Personnes;Mode;Km aller-retour;Fret (m³);Nuitées;Repas;Repas végétariens\n"
            ";;;train;;;;;\n;;;voiture;;;;;\n;;;camion;;;;;\n"
        ).encode(),
        "Un tableau à remplir date par date : kilomètres, fret, nuitées et repas.",
    )
    charter = _document(
        "Modèle de charte d’accueil écoresponsable",
        "charte-accueil-ecoresponsable.odt",
        odt_bytes(
            "Charte d’accueil écoresponsable",
            [
                "Entre la compagnie et le lieu d’accueil, pour chaque date de la tournée.",
                "1. Le lieu indique la gare la plus proche et propose une navette.",
                "2. La compagnie privilégie le train et partage le fret quand c’est possible.",
                "3. Le lieu fournit le matériel son et lumière de la version légère.",
                "4. Les repas proposés à l’équipe sont de saison, végétariens par défaut.",
                "5. Les deux parties partagent leurs données de mobilité après la date.",
            ],
        ),
        "Un modèle à adapter, à joindre au contrat de cession.",
    )
    return [
        GuideDocument(document=tracking, title="Tableau de suivi des émissions (CSV)"),
        GuideDocument(document=charter, title="Charte d’accueil écoresponsable (ODT)"),
    ]


def _exhibition_documents() -> list[GuideDocument]:
    checklist = _document(
        "Liste de contrôle de l’écoconception d’une exposition",
        "liste-controle-ecoconception-exposition.csv",
        (
            "Phase;Question;Oui/Non;Commentaire\n"
            "Conception;Le cahier des charges fixe-t-il une part de réemploi ?;;\n"
            "Conception;Chaque élément a-t-il une destination après l’exposition ?;;\n"
            "Fabrication;Les assemblages sont-ils vissés plutôt que collés ?;;\n"
            "Transport;Les convoiements de prêteurs proches sont-ils groupés ?;;\n"
            "Exploitation;L’éclairage est-il en LED avec gradation ?;;\n"
            "Démontage;Une fiche décrit-elle chaque élément réutilisable ?;;\n"
        ).encode(),
        "Les questions à se poser à chaque phase du projet.",
    )
    return [GuideDocument(document=checklist, title="Liste de contrôle (CSV)")]
