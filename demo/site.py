"""Demo content of the site itself: taxonomy, home page, about and legal pages, settings."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from demo import images
from demo.utils import callout, heading, home_page, paragraph, tree_root, upsert_page
from hub.models import (
    Audience,
    HomePage,
    HomePagePartner,
    Sector,
    SiteSettings,
    StandardPage,
    Territory,
    Theme,
)

THEMES = [
    (
        "Transition écologique",
        "Réduire l’empreinte des productions, des tournées et des lieux.",
        "transition écologique\nécologique\nécoconception\néco-conception\nbilan carbone\n"
        "sobriété\nclimat\nbiodiversité\nmobilité durable\nRSE\néco-responsable\ndéveloppement durable",
    ),
    (
        "Innovation",
        "Nouveaux usages, nouvelles formes, recherche et expérimentation.",
        "innovation\nexpérimentation\nprototype\nrecherche\nR&D\nlaboratoire\nhybridation\nimmersif",
    ),
    (
        "Compétences et emploi",
        "Métiers qui changent, formation, GPEC, transmission.",
        "compétences\nemploi\nformation\nmétiers\nGPEC\nreconversion\nrecrutement\ntransmission\n"
        "mentorat\nalternance",
    ),
    (
        "Financement",
        "Appels à projets, subventions, prêts, mécénat.",
        "appel à projets\nsubvention\nfinancement\nprêt\nmécénat\nfonds\naide\nbourse\ninvestissement",
    ),
    (
        "Numérique",
        "Outils, données, création numérique, sobriété numérique.",
        "numérique\ndigital\ndonnées\nintelligence artificielle\nIA\nlogiciel\nréalité virtuelle\n"
        "création numérique\nweb",
    ),
    (
        "Europe",
        "Programmes européens et coopération internationale.",
        "Europe\neuropéen\neuropéenne\nEurope Créative\nCreative Europe\nInterreg\nERASMUS\n"
        "international\ncoopération",
    ),
    (
        "Management",
        "Gouvernance, modèles économiques, dialogue social, qualité de vie au travail.",
        "management\ngouvernance\nmodèle économique\nressources humaines\nqualité de vie au travail\n"
        "dialogue social\nstratégie",
    ),
]
AUDIENCES = [
    "Artistes et auteurs",
    "Entreprises et structures",
    "Salariés",
    "Dirigeants et managers",
    "Demandeurs d’emploi",
    "Étudiants",
    "Collectivités territoriales",
]
SECTORS = [
    "Spectacle vivant",
    "Musiques actuelles",
    "Arts visuels",
    "Design",
    "Audiovisuel et cinéma",
    "Jeux vidéo",
    "Édition",
    "Patrimoine",
    "Mode et métiers d’art",
]
TERRITORIES = [
    ("Auvergne-Rhône-Alpes", Territory.Kind.REGION, "84"),
    ("Puy-de-Dôme", Territory.Kind.DEPARTMENT, "63"),
    ("Allier", Territory.Kind.DEPARTMENT, "03"),
    ("Cantal", Territory.Kind.DEPARTMENT, "15"),
    ("Haute-Loire", Territory.Kind.DEPARTMENT, "43"),
    ("Clermont Auvergne Métropole", Territory.Kind.LOCAL, ""),
    ("France", Territory.Kind.COUNTRY, ""),
    ("Union européenne", Territory.Kind.EUROPE, ""),
]

ABOUT_BODY = [
    paragraph(
        "<p>Passerelles est le site du cluster régional des industries culturelles et créatives. "
        "Il rassemble compagnies, labels, studios de design, producteurs audiovisuels, éditeurs "
        "de jeux vidéo et lieux de diffusion autour d’une ambition commune : traverser ensemble "
        "les transitions écologique, numérique et économique.</p>"
    ),
    heading("Un observatoire de l’innovation"),
    paragraph(
        "<p>Chaque année, l’observatoire choisit un thème et construit un <b>cycle d’événements</b> "
        ": ateliers pratiques, masterclasses, formations courtes, rencontres professionnelles, "
        "hackathons et week-ends de création. Cette saison est consacrée à l’innovation durable "
        "et écoresponsable dans les industries créatives.</p>"
    ),
    heading("Un groupe de travail prospectif"),
    paragraph(
        "<p>Des dirigeantes et dirigeants, des salariés, des organismes de formation et des OPCO "
        "anticipent la façon dont la transition écologique transforme les métiers et les "
        "compétences de nos filières. Le groupe publie des <b>guides</b>, des référentiels et des "
        "recommandations, librement téléchargeables.</p>"
    ),
    heading("La transmission entre pairs"),
    paragraph(
        "<p>Le programme de mentorat met en relation des professionnels expérimentés et des "
        "structures plus jeunes pour transmettre un savoir-faire : production, diffusion, gestion, "
        "écoconception. Un appel à candidatures est ouvert deux fois par an.</p>"
    ),
    callout(
        "<p>Vous êtes membre ? Certaines ressources vous sont réservées : connectez-vous pour y "
        "accéder.</p>",
        title="Espace membres",
    ),
]


# Partners of the home page's strip: (file key, name, website). Their logos are drawn.
PARTNERS = [
    ("region", "Région Auvergne-Rhône-Alpes", "https://www.auvergnerhonealpes.fr"),
    ("drac", "DRAC Auvergne-Rhône-Alpes", "https://www.culture.gouv.fr"),
    ("metropole", "Clermont Auvergne Métropole", "https://www.clermontmetropole.eu"),
    ("afdas", "AFDAS", "https://www.afdas.com"),
    ("europe-creative", "Europe Créative Desk France", "https://www.relais-culture-europe.eu"),
    ("bpifrance", "Bpifrance Création", "https://bpifrance-creation.fr"),
]
KEY_FIGURES = {
    "title": "Le cluster en chiffres",
    "items": [
        {"value": "140", "label": "structures adhérentes dans six filières"},
        {"value": "35", "label": "rendez-vous par saison, gratuits pour les membres"},
        {"value": "12", "label": "guides et référentiels en libre accès"},
        {"value": "1 200", "label": "abonnés à la lettre de veille"},
    ],
}


def load(stdout) -> None:
    with transaction.atomic():
        _taxonomy()
        home = _home_page()
        about = upsert_page(
            home,
            StandardPage,
            "a-propos",
            title="Le cluster",
            show_in_menus=True,
            search_description="Qui nous sommes : un cluster des industries culturelles et "
            "créatives au service des transitions.",
            intro="<p>Un réseau de professionnels des industries culturelles et créatives, "
            "engagé dans les transitions écologique, numérique et économique.</p>",
            body=ABOUT_BODY,
        )
        legal = _legal_pages(home)
        _settings(legal)
    stdout.write(f"  site : page d’accueil et « {about.title} » prêtes")


def _taxonomy() -> None:
    for order, (name, description, keywords) in enumerate(THEMES):
        Theme.objects.update_or_create(
            name=name,
            defaults={"description": description, "keywords": keywords, "sort_order": order},
        )
    for model, names in ((Audience, AUDIENCES), (Sector, SECTORS)):
        for order, name in enumerate(names):
            model.objects.update_or_create(name=name, defaults={"sort_order": order})
    for order, (name, kind, code) in enumerate(TERRITORIES):
        Territory.objects.update_or_create(
            name=name, defaults={"kind": kind, "code": code, "sort_order": order}
        )


def _home_page() -> HomePage:
    root = tree_root()
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    fields = {
        "title": "Accueil",
        "seo_title": "Passerelles — industries culturelles et créatives en transition",
        "search_description": "Guides, formations, ateliers et veille des appels à projets pour "
        "les professionnels des industries culturelles et créatives.",
        "hero_title": "Traverser ensemble les transitions",
        "hero_image": images.illustration(
            "accueil-passerelles",
            "passerelles",
            "Passerelles entre les filières",
            "Illustration : des arches colorées relient cinq points sur un ciel bleu nuit, "
            "comme des passerelles entre les filières.",
            renditions=images.HERO_RENDITIONS,
        ),
        "hero_secondary_url": "/lettre-de-veille/",
        "hero_secondary_label": "Recevoir la veille",
        "mission_image": images.illustration(
            "accueil-mission", "ecologie", "Paysage de la transition écologique"
        ),
        "partners_title": "Ils soutiennent le cluster",
        "partners": [
            HomePagePartner(name=name, url=url, logo=images.logo(key, name))
            for key, name, url in PARTNERS
        ],
        "hero_text": "Guides, formations, ateliers et veille des appels à projets pour les "
        "professionnels du spectacle vivant, de la musique, des arts visuels, du design, de "
        "l’audiovisuel et du jeu vidéo.",
        "mission": [
            paragraph(
                "<p>Le cluster accompagne les structures culturelles et créatives de la région "
                "face aux transitions : réduire l’empreinte écologique des productions, "
                "s’approprier les outils numériques, consolider les modèles économiques et faire "
                "évoluer les compétences.</p>"
            ),
            paragraph(
                "<p>Compagnies, labels, studios de design, producteurs audiovisuels et éditeurs "
                "de jeux vidéo y partagent leurs outils, leurs retours d’expérience et leurs "
                "achats : ce qu’une structure ne peut pas porter seule, le réseau le porte.</p>"
            ),
        ],
        # The illustrated actions link to pages made by later loaders: see feature_on_home().
        "sections": [{"type": "key_figures", "value": KEY_FIGURES}],
    }
    if home is None:
        home = HomePage(slug="accueil", **fields)
        root.add_child(instance=home)
        # Wagtail's installer leaves a "Welcome" page as the default site's root: replace it.
        for site in Site.objects.all():
            old_root = site.root_page
            site.root_page = home
            site.save()
            if old_root.pk != home.pk and old_root.specific_class is Page:
                old_root.delete()
    else:
        for name, value in fields.items():
            setattr(home, name, value)
    home.save_revision().publish()
    # The default site answers at SITE_URL, so sitemaps and e-mails carry working links.
    url = urlsplit(settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = url.hostname or "localhost"
    site.port = url.port or (443 if url.scheme == "https" else 80)
    site.site_name = "Passerelles"
    site.root_page = home
    site.save()
    home.refresh_from_db()
    return home


def feature_on_home(cycle, pages: dict) -> None:
    """Put the year's cycle and the site's main sections forward on the home page.

    Called by the events loader, once the cycle and the other apps' pages exist; `pages` maps
    the pillars' keys (resources, training, agenda, mentoring) to pages.
    """
    home = home_page()
    home.hero_link = cycle
    home.hero_link_label = f"Découvrir le cycle {cycle.season_label}"
    home.featured_cycle = cycle
    pillars = [
        (
            "resources",
            "S’informer",
            "Guides, référentiels et études pour comprendre ce qui change dans vos métiers.",
            "Lire les guides",
            "arts",
        ),
        (
            "agenda",
            "Se rencontrer",
            "Ateliers, masterclasses et hackathons : partir d’un cas réel, repartir outillé.",
            "Voir l’agenda",
            "spectacle",
        ),
        (
            "mentoring",
            "Être accompagné",
            "Un mentor expérimenté pendant six mois pour consolider votre projet.",
            "Découvrir le mentorat",
            "competences",
        ),
    ]
    items = []
    for key, title, text, label, motif in pillars:
        picture = images.illustration(f"accueil-{key}", motif, title)
        page = pages.get(key)
        items.append(
            {
                "image": {"image": picture.pk, "decorative": True, "alt_text": ""},
                "title": title,
                "text": text,
                "page": page.pk if page else None,
                "link_label": label,
            }
        )
    home.sections = [
        {
            "type": "pillars",
            "value": {
                "title": "Ce que le cluster fait pour vous",
                "intro": "Trois portes d’entrée, pour les artistes comme pour les structures.",
                "items": items,
            },
        },
        {"type": "key_figures", "value": KEY_FIGURES},
    ]
    home.save_revision().publish()


def _legal_pages(home: HomePage) -> dict[str, StandardPage]:
    pages = {}
    pages["legal"] = upsert_page(
        home,
        StandardPage,
        "mentions-legales",
        title="Mentions légales",
        intro="<p>Éditeur du site : association Passerelles, cluster des industries culturelles "
        "et créatives. Directrice de la publication : la présidente de l’association.</p>",
        body=[
            paragraph(
                "<p>Hébergement : serveurs situés en France. Le code source de Passerelles est "
                "libre.</p>"
            )
        ],
    )
    pages["privacy"] = upsert_page(
        home,
        StandardPage,
        "donnees-personnelles",
        title="Données personnelles",
        intro="<p>Nous ne collectons que ce qui sert à vous inscrire à un atelier, à vous envoyer "
        "la lettre de veille ou à traiter une candidature.</p>",
        body=[
            paragraph(
                "<p>Vos inscriptions aux événements sont anonymisées après la durée de conservation "
                "prévue. Vous pouvez consulter, télécharger et effacer vos données d’abonnement "
                "depuis la page de préférences indiquée dans chaque lettre. Aucun pixel de suivi "
                "n’est utilisé.</p>"
            )
        ],
    )
    pages["accessibility"] = upsert_page(
        home,
        StandardPage,
        "accessibilite",
        title="Déclaration d’accessibilité",
        intro="<p>Le cluster s’engage à rendre son site accessible conformément au RGAA 4.1.</p>",
        body=[
            paragraph(
                "<p>Ce site est partiellement conforme au RGAA. Si vous ne pouvez pas accéder à un "
                "contenu, écrivez-nous : nous vous le fournirons sous une autre forme.</p>"
            )
        ],
    )
    return pages


def _settings(legal: dict[str, StandardPage]) -> None:
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Passerelles"
    site_settings.tagline = "Cluster des industries culturelles et créatives"
    site_settings.contact_email = "contact@passerelles.example"
    site_settings.phone = "04 73 00 00 00"
    site_settings.address = "12 rue des Arts\n63000 Clermont-Ferrand"
    site_settings.footer_text = (
        "Passerelles accompagne les professionnels des industries culturelles et créatives "
        "dans les transitions écologique, numérique et économique."
    )
    site_settings.social_links = [
        {
            "type": "link",
            "value": {"network": "mastodon", "url": "https://mastodon.example/@passerelles"},
        },
        {
            "type": "link",
            "value": {
                "network": "linkedin",
                "url": "https://www.linkedin.com/company/passerelles-example",
            },
        },
    ]
    site_settings.legal_page = legal["legal"]
    site_settings.privacy_page = legal["privacy"]
    site_settings.accessibility_page = legal["accessibility"]
    site_settings.email_from_name = "Passerelles"
    site_settings.email_reply_to = "contact@passerelles.example"
    site_settings.email_footer = (
        # Who writes; each e-mail says itself why the person receives it.
        "Passerelles, cluster des industries culturelles et créatives."
    )
    site_settings.save()
