"""Demo content of the resources app: guides, training programmes, the mentoring scheme and
its call for applications, the directory. Idempotent: running it again updates what it made."""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from demo.utils import callout, heading, home_page, paragraph, upsert_page
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
        "Prêts d'honneur, garanties et accompagnement des "
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
        "Accompagnement des artistes et techniciens du spectacle demandeurs d'emploi.",
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
            search_description="Guides, formations et dispositifs d'accompagnement pour les "
            "professionnels des industries culturelles et créatives.",
            intro="<p>Guides, référentiels, formations et dispositifs d'accompagnement pour "
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
    title = "Plan d'action spectacle vivant (tableur)"
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = (
            "Enjeu;Mots-clés;Actions;Commentaires\n"
            "Mobilité des équipes et des publics;train, covoiturage;Privilégier le train pour "
            "les équipes;Négocier des tarifs de groupe\n"
            "Décors et costumes;réemploi, ressourcerie;Concevoir démontable et réutilisable;"
            "Mutualiser les stocks entre compagnies\n"
        )
        document = Document(title=title, description="Le plan d'action au format tableur.")
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
            title="Anticiper l'évolution des métiers et des compétences induite par la "
            "transition écologique",
            guide_type="recommendations",
            summary="Les recommandations du groupe de travail prospectif : quels métiers "
            "changent, quelles compétences développer et comment s'organiser dès maintenant.",
            publication_date=today - timedelta(days=12),
            themes=ecology + skills,
            audiences=structures,
            sectors=live,
            territories=region,
            contributors=[organisations["AFDAS"], organisations["Atelier Formation Spectacle"]],
            body=[
                heading("Pourquoi anticiper"),
                paragraph(
                    "<p>La réduction de l'empreinte carbone des tournées, l'écoconception des "
                    "décors et la sobriété énergétique des lieux transforment déjà les métiers "
                    "de la régie, de la production et de l'administration. Les structures qui "
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
            slug="ecoconcevoir-une-tournee",
            title="Écoconcevoir une tournée",
            guide_type="guide",
            summary="Construire un itinéraire cohérent, choisir les transports, alléger la "
            "technique et dialoguer avec les lieux d'accueil.",
            publication_date=today - timedelta(days=30),
            themes=ecology,
            audiences=everyone,
            sectors=live,
            territories=region,
            contributors=[organisations["Collectif des festivals écoresponsables"]],
            body=[
                heading("Dessiner l'itinéraire"),
                paragraph(
                    "<p>Regroupez les dates par bassin géographique et coordonnez-vous avec les "
                    "lieux voisins : une tournée en étoile autour d'une résidence évite des "
                    "centaines de kilomètres.</p>"
                ),
                heading("Alléger la fiche technique"),
                paragraph(
                    "<p>Une fiche technique adaptable (version légère, matériel disponible sur "
                    "place) réduit le fret et facilite l'accueil dans les petites salles.</p>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "quote": "En regroupant nos dates, nous avons divisé par deux les "
                        "kilomètres parcourus sans perdre une seule représentation.",
                        "attribution": "Une chargée de diffusion",
                    },
                },
            ],
        ),
        dict(
            slug="plan-action-filiere-spectacle-vivant",
            title="Plan d'action de la filière spectacle vivant",
            guide_type="framework",
            summary="Les enjeux prioritaires de la filière, les mots-clés pour s'y retrouver, "
            "les actions proposées et les commentaires du groupe de travail.",
            publication_date=today - timedelta(days=45),
            themes=ecology + management,
            audiences=structures,
            sectors=live,
            territories=region,
            contributors=[organisations["Région Auvergne-Rhône-Alpes"]],
            body=[
                paragraph(
                    "<p>Ce plan d'action a été construit en ateliers avec une trentaine de "
                    "structures de la région. Il sera relu chaque année.</p>"
                ),
                {
                    "type": "action_plan",
                    "value": {
                        "title": "Plan d'action 2026-2028",
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
            summary="Une boîte à outils pour réduire l'impact du numérique : matériel, "
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
            title="Étude : l'emploi dans les industries créatives de la région",
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
                    "en tension. Les employeurs citent d'abord les compétences en gestion de "
                    "projet et en écoconception.</p>"
                ),
            ],
        ),
    ]
    return [upsert_page(index, GuidePage, spec.pop("slug"), **spec) for spec in specs]


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
        "rythme : parlez-nous de vos besoins avant l'inscription.",
        accessibility_contact="Claire Martin, handicap@passerelles.example",
        access_delay="Inscription jusqu'à 15 jours avant le début de la session.",
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
            title="Réaliser le bilan carbone d'un spectacle ou d'un festival",
            summary="Deux jours pour mesurer les émissions d'une production et bâtir un plan de "
            "réduction réaliste.",
            objectives="<ul><li>Identifier les postes d'émissions d'une production.</li>"
            "<li>Collecter les données et utiliser un calculateur.</li><li>Construire un plan "
            "de réduction.</li></ul>",
            expected_results="<p>Chaque stagiaire repart avec le bilan de sa production et trois "
            "actions chiffrées.</p>",
            target_audience="Administrateurs, chargés de production, régisseurs.",
            prerequisites="<p>Aucun ; venir avec les données d'une production.</p>",
            programme_content="<h3>Jour 1</h3><p>Méthode, périmètre, collecte.</p><h3>Jour 2"
            "</h3><p>Calcul, lecture des résultats, plan d'action.</p>",
            duration_hours=14,
            duration_days=2,
            modality="on_site",
            place="Clermont-Ferrand",
            price_per_person=640,
            price_note="Tarif structure. Prise en charge possible par l'AFDAS.",
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
            objectives="<ul><li>Accompagner une équipe dans un changement d'organisation.</li>"
            "<li>Conduire les entretiens professionnels.</li></ul>",
            expected_results="<p>Un plan d'accompagnement de l'équipe sur un an.</p>",
            target_audience="Dirigeants et responsables d'équipe.",
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
            title="Écoconception d'un jeu vidéo",
            summary="Réduire l'empreinte d'un jeu du prototype à la distribution : moteurs, "
            "assets, serveurs, éco-score.",
            objectives="<ul><li>Évaluer l'empreinte d'un jeu.</li><li>Appliquer les bonnes "
            "pratiques d'optimisation.</li></ul>",
            expected_results="<p>Une grille d'écoconception appliquée à votre projet.</p>",
            target_audience="Développeurs, game designers, producteurs.",
            prerequisites="<p>Pratique d'un moteur de jeu.</p>",
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
            certification_title="Mettre en œuvre une démarche d'écoconception numérique",
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
        pages.append(upsert_page(index, TrainingProgrammePage, spec.pop("slug"), **spec))
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
        "Domaines d'expertise",
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
        "d'une demi-journée par mois pendant six mois.</li></ul>",
        benefits="<p>Un binôme choisi avec soin, trois rencontres collectives, un carnet de "
        "bord et l'accès aux formations du cluster.</p>",
        how_it_works="<p>Après l'appel, un comité forme les binômes. Chaque binôme fixe ses "
        "objectifs puis se retrouve une fois par mois ; le cluster anime les temps collectifs."
        "</p>",
        how_to_apply="<p>Remplissez le formulaire ci-dessous avant la date limite. Le comité "
        "répond à chaque candidature.</p>",
        contacts='<p>Équipe mentorat : <a href="mailto:mentorat@passerelles.example">'
        "mentorat@passerelles.example</a></p>",
        deadline=deadline,
        form_intro="<p>Dix minutes suffisent. Vous recevrez un récapitulatif par e-mail.</p>",
        thank_you_text="<p>Merci ! Le comité étudie les candidatures dans le mois qui suit la "
        "clôture de l'appel.</p>",
        confirmation_subject="Votre candidature au programme de mentorat",
        confirmation_text="Merci pour votre candidature au programme de mentorat entre pairs. "
        "Le comité se réunit après la clôture de l'appel et vous répond dans le mois.",
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
