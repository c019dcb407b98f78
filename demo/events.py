"""Demo content of the events app: venues, the agenda, this season's cycle and last season's.

Idempotent: pages are found by slug and updated, dates are recomputed from today, and demo
registrations are only added to events that have none.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from demo import images
from demo.site import feature_on_home
from demo.utils import callout, heading, home_page, paragraph, upsert_page
from events import booking
from events.choices import AttendanceMode, EventFormat, EventStatus, RegistrationMode
from events.models import (
    AgendaPage,
    CyclePartner,
    EventCyclePage,
    EventPage,
    EventSpeaker,
    Registration,
    Venue,
)
from hub.models import Audience, Theme

VENUES = [
    {
        "name": "Maison des industries créatives",
        "street_address": "14 rue de l’Éclache",
        "postal_code": "63000",
        "city": "Clermont-Ferrand",
        "latitude": "45.778900",
        "longitude": "3.081100",
        "access": "Tram A, arrêt Jaude (5 minutes à pied). Bus B et C, arrêt Gaillard. "
        "Arceaux vélos devant l’entrée ; parking Jaude 2 à 300 m.",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": True,
        "accessibility": "Entrée de plain-pied, ascenseur vers la salle de l’étage, boucle "
        "magnétique dans l’auditorium. Interprétariat en langue des signes sur demande, au "
        "moins dix jours avant l’événement.",
    },
    {
        "name": "La Fabrique du Brézet",
        "street_address": "5 rue des Chaufferies",
        "postal_code": "63100",
        "city": "Clermont-Ferrand",
        "latitude": "45.785600",
        "longitude": "3.123400",
        "access": "Bus 20, arrêt Brézet-Chaufferies. Grand parking gratuit devant l’atelier. "
        "Covoiturage proposé depuis la gare : signalez-le dans votre inscription.",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": False,
        "accessibility": "Ancien entrepôt de plain-pied ; atelier bruyant lors des démonstrations "
        "de découpe (casques antibruit prêtés). Places de stationnement réservées devant l’entrée.",
    },
    {
        "name": "Tiers-lieu La Pépinière",
        "street_address": "3 allée des Tanneurs",
        "postal_code": "63200",
        "city": "Riom",
        "latitude": "45.893900",
        "longitude": "3.112600",
        "access": "Gare de Riom à 10 minutes à pied (TER depuis Clermont-Ferrand toutes les "
        "20 minutes). Parking de la Manufacture à 150 m.",
        "step_free_access": False,
        "accessible_toilets": True,
        "hearing_loop": False,
        "accessibility": "Rez-de-chaussée accessible ; la salle de résidence est à l’étage sans "
        "ascenseur. Prévenez-nous : l’atelier peut se tenir au rez-de-chaussée.",
    },
]

PEOPLE = [
    ("Camille Roux", "Compagnie du Puy", "Chargée de production"),
    ("Lucas Fabre", "Studio Basalte", "Designer"),
    ("Inès Morel", "Label Volcanique", "Directrice"),
    ("Hugo Chassaing", "Théâtre de la Halle", "Régisseur général"),
    ("Léa Dumas", "Atelier Mica", "Scénographe"),
    ("Nathan Bonnet", "Collectif Arverne", "Comédien"),
    ("Chloé Girard", "Éditions du Sancy", "Éditrice"),
    ("Mathis Brun", "Jeux de Lave", "Développeur"),
    ("Manon Faure", "Festival des Dômes", "Administratrice"),
    ("Tom Vidal", "Studio Allier", "Réalisateur"),
    ("Jade Pons", "Musée vivant", "Médiatrice"),
    ("Louis Mercier", "Scène Limagne", "Directeur technique"),
    ("Zoé Barret", "Compagnie Puys & Co", "Costumière"),
    ("Gabriel Roche", "Agence Orcival", "Chef de projet"),
    ("Alice Vernet", "Association Tempo", "Coordinatrice"),
    ("Paul Teyssier", "Indépendant", "Créateur lumière"),
    ("Emma Coste", "Radio Dôme", "Productrice"),
    ("Noah Gauthier", "Studio Pariou", "Graphiste"),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """A Paris wall-clock time `days` from today (dates move with the demo, times do not)."""
    day: date = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _email(name: str) -> str:
    return (
        name.lower().replace(" ", ".").replace("é", "e").replace("è", "e").replace("ï", "i")
        + "@example.org"
    )


def _season_year() -> int:
    """The current season's starting year: seasons run from September to August."""
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def load(stdout) -> None:
    year = _season_year()
    with transaction.atomic():
        venues = _venues()
        agenda = upsert_page(
            home_page(),
            AgendaPage,
            "agenda",
            title="Agenda",
            show_in_menus=True,
            search_description="Ateliers, masterclasses, formations, rencontres et hackathons "
            "du cluster des industries culturelles et créatives.",
            intro="<p>Ateliers pratiques, masterclasses, formations courtes, rencontres "
            "professionnelles, hackathons et week-ends de création : tous les rendez-vous du "
            "cluster, gratuits pour la plupart.</p>",
        )
        current = _current_cycle(agenda, venues, year)
        previous = _previous_cycle(agenda, venues, year)
        home = home_page()
        feature_on_home(
            current,
            {
                "resources": Page.objects.child_of(home).filter(slug="ressources").first(),
                "agenda": agenda,
                "mentoring": Page.objects.child_of(home).filter(slug="mentorat").first(),
            },
        )
    count = (
        EventPage.objects.child_of(current).count() + EventPage.objects.child_of(previous).count()
    )
    stdout.write(f"  events : agenda, 2 cycles et {count} événements prêts")


def _venues() -> dict[str, Venue]:
    venues = {}
    for fields in VENUES:
        fields = dict(fields)
        venue, _created = Venue.objects.update_or_create(name=fields.pop("name"), defaults=fields)
        venues[venue.city if venue.city != "Clermont-Ferrand" else venue.name] = venue
    return venues


def _theme(name: str) -> list[Theme]:
    return list(Theme.objects.filter(name=name))


# Each event's picture: a motif that says what the event is about (see demo.images).
EVENT_MOTIFS = {
    "atelier-bilan-carbone-tournee": "ecologie",
    "masterclass-ecoconception-decors": "arts",
    "formation-rse-structures-culturelles": "competences",
    "rencontre-mutualiser-materiel": "spectacle",
    "webinaire-financer-sa-transition": "europe",
    "hackathon-sobriete-numerique": "numerique",
    "week-end-creation-materiaux-biosources": "design",
    "conference-metiers-de-demain": "passerelles",
    "masterclass-son-spatialise": "musique",
    "atelier-realite-virtuelle-musees": "audiovisuel",
    "hackathon-experiences-immersives": "jeux",
}


def _publish_event(cycle, slug: str, *, themes, audiences=(), speakers=(), **fields) -> EventPage:
    # Themes, audiences and speakers are cluster relations: set with the other fields, they
    # go into upsert_page's one revision, published once.
    motif = EVENT_MOTIFS.get(slug, "passerelles")
    return upsert_page(
        cycle,
        EventPage,
        slug,
        image=images.illustration(f"evenement-{slug}", motif, fields["title"]),
        themes=themes,
        audiences=list(Audience.objects.filter(name__in=audiences)),
        speakers=[EventSpeaker(name=name, role=role, bio=bio) for name, role, bio in speakers],
        **fields,
    )


def _current_cycle(agenda: AgendaPage, venues, year: int) -> EventCyclePage:
    ecology = _theme("Transition écologique")
    innovation = _theme("Innovation")
    digital = _theme("Numérique")
    skills = _theme("Compétences et emploi")
    funding = _theme("Financement")
    cycle = upsert_page(
        agenda,
        EventCyclePage,
        "innovation-durable",
        title="Innover durablement : l’écoresponsabilité dans les industries créatives",
        year=year,
        theme=ecology[0] if ecology else None,
        image=images.illustration(
            "cycle-innovation-durable",
            "ecologie",
            "Cycle Innover durablement",
            "Illustration : des collines bleues et vertes sous un soleil jaune, des feuilles "
            "stylisées dans le ciel.",
        ),
        search_description=f"Le cycle {year}-{year + 1} : ateliers, masterclasses et "
        "hackathons pour réduire l’empreinte écologique des productions culturelles.",
        intro="<p>Cette saison, l’observatoire de l’innovation explore la façon dont les "
        "compagnies, labels, studios et lieux réduisent l’empreinte de leurs créations sans "
        "renoncer à l’ambition artistique.</p>",
        body=[
            heading("Pourquoi ce cycle"),
            paragraph(
                "<p>Décors jetés après trois dates, tournées en camion à moitié vide, serveurs "
                "surdimensionnés : nos filières ont des marges de progrès concrètes. Chaque "
                "rendez-vous part d’un cas réel et repart avec des outils réutilisables.</p>"
            ),
            callout(
                "<p>Tous les rendez-vous sont gratuits pour les membres. Les besoins "
                "d’accessibilité signalés à l’inscription sont pris en compte.</p>",
                title="Bon à savoir",
                kind="tip",
            ),
        ],
    )
    cycle.partners = [
        CyclePartner(name=name, role=role, logo=images.logo(key, name))
        for key, name, role in (
            ("scenes-ecoresponsables", "Collectif des scènes écoresponsables", "Co-organisateur"),
            ("numerique-sobre", "Réseau numérique sobre Auvergne", "Hackathon"),
            ("ecole-art", "École supérieure d’art de la métropole", "Accueil des résidences"),
        )
    ]
    cycle.save_revision().publish()

    house, fabrique, riom = (
        venues["Maison des industries créatives"],
        venues["La Fabrique du Brézet"],
        venues["Riom"],
    )
    past = _publish_event(
        cycle,
        "atelier-bilan-carbone-tournee",
        title="Atelier : mesurer l’empreinte carbone d’une tournée",
        format=EventFormat.WORKSHOP,
        start=_at(-18, 9, 30),
        end=_at(-18, 12, 30),
        venue=house,
        capacity=20,
        themes=ecology,
        audiences=["Entreprises et structures", "Salariés"],
        intro="<p>Trois heures pour calculer le bilan carbone d’une tournée réelle et repérer "
        "les leviers qui comptent vraiment.</p>",
        body=[
            paragraph(
                "<p>À partir des feuilles de route d’une compagnie régionale, nous calculons "
                "ensemble les émissions liées aux déplacements, au fret et à l’hébergement, "
                "puis nous comparons trois scénarios de tournée.</p>"
            )
        ],
        speakers=[
            ("Sophie Lambert", "Consultante en transition des organisations culturelles", ""),
        ],
    )
    full = _publish_event(
        cycle,
        "masterclass-ecoconception-decors",
        title="Masterclass : écoconception des décors et des costumes",
        format=EventFormat.MASTERCLASS,
        start=_at(12, 14, 0),
        end=_at(12, 17, 30),
        venue=fabrique,
        capacity=12,
        waiting_list_enabled=True,
        themes=ecology + innovation,
        audiences=["Artistes et auteurs", "Entreprises et structures"],
        intro="<p>Une scénographe et une costumière montrent, pièces à l’appui, comment "
        "concevoir pour démonter, réemployer et faire tourner.</p>",
        body=[
            paragraph(
                "<p>Matériaux biosourcés, assemblages réversibles, ressourceries de décors : la "
                "masterclass part de trois productions récentes et de leurs carnets de "
                "construction. Apportez vos plans, nous les regardons ensemble.</p>"
            )
        ],
        speakers=[
            (
                "Marion Delcourt",
                "Scénographe",
                "Vingt ans de décors pour le théâtre et "
                "l’opéra, fondatrice d’une ressourcerie de décors.",
            ),
            ("Aïcha Benali", "Costumière", "Spécialiste du réemploi textile pour le spectacle."),
        ],
    )
    approval = _publish_event(
        cycle,
        "formation-rse-structures-culturelles",
        title="Formation : piloter une démarche RSE dans une structure culturelle",
        format=EventFormat.TRAINING,
        start=_at(30, 9, 0),
        end=_at(31, 17, 0),
        venue=house,
        capacity=16,
        registration_mode=RegistrationMode.APPROVAL,
        price=None,
        price_details="Prise en charge possible par votre OPCO",
        themes=ecology + skills,
        audiences=["Dirigeants et managers"],
        intro="<p>Deux jours pour bâtir la feuille de route RSE de votre structure, avec des "
        "pairs. Les places sont attribuées par l’équipe pour équilibrer les profils.</p>",
    )
    _publish_event(
        cycle,
        "rencontre-mutualiser-materiel",
        title="Rencontre professionnelle : mutualiser le matériel entre lieux et compagnies",
        format=EventFormat.MEETUP,
        start=_at(5, 18, 0),
        end=_at(5, 20, 30),
        venue=house,
        capacity=60,
        themes=ecology,
        audiences=["Entreprises et structures"],
        intro="<p>Plateformes de prêt, inventaires partagés, assurances : comment faire "
        "circuler projecteurs, gradins et praticables entre structures du territoire.</p>",
    )
    _publish_event(
        cycle,
        "webinaire-financer-sa-transition",
        title="Webinaire : financer sa transition écologique",
        format=EventFormat.WEBINAR,
        start=_at(8, 11, 0),
        end=_at(8, 12, 0),
        attendance_mode=AttendanceMode.ONLINE,
        venue=None,
        online_url="https://visio.passerelles.example/financer-sa-transition",
        capacity=None,
        themes=ecology + funding,
        intro="<p>Une heure pour faire le tour des aides régionales, nationales et européennes "
        "qui financent l’écoconception et la sobriété des structures culturelles.</p>",
    )
    _publish_event(
        cycle,
        "hackathon-sobriete-numerique",
        title="Hackathon : sobriété numérique des sites et plateformes culturels",
        format=EventFormat.HACKATHON,
        start=_at(45, 9, 0),
        end=_at(46, 18, 0),
        venue=fabrique,
        capacity=40,
        registration_opens_at=_at(3, 10, 0),
        themes=digital + ecology,
        audiences=["Étudiants", "Entreprises et structures"],
        intro="<p>Deux jours pour alléger la billetterie, le site ou l’application d’un lieu "
        "partenaire, avec designers, développeurs et équipes des lieux.</p>",
    )
    _publish_event(
        cycle,
        "week-end-creation-materiaux-biosources",
        title="Week-end de création : matériaux biosourcés et réemploi",
        format=EventFormat.CREATIVE_WEEKEND,
        start=_at(70, 10, 0),
        end=_at(71, 17, 0),
        venue=riom,
        capacity=20,
        themes=ecology + innovation,
        audiences=["Artistes et auteurs"],
        intro="<p>Un week-end en résidence pour prototyper un élément de décor ou un objet "
        "scénique à partir de chanvre, de laine et de bois de réemploi.</p>",
    )
    _publish_event(
        cycle,
        "conference-metiers-de-demain",
        title="Conférence : les métiers de la création face à la transition écologique",
        format=EventFormat.CONFERENCE,
        start=_at(55, 18, 30),
        end=_at(55, 20, 0),
        venue=house,
        capacity=120,
        status=EventStatus.POSTPONED,
        status_note="Reportée au printemps : la nouvelle date sera annoncée ici.",
        themes=skills + ecology,
        intro="<p>Restitution des travaux du groupe prospectif sur l’évolution des métiers et "
        "des compétences.</p>",
    )
    _demo_registrations(past, full, approval)
    return cycle


def _demo_registrations(past: EventPage, full: EventPage, approval: EventPage) -> None:
    if not Registration.objects.filter(event=past).exists():
        now = timezone.now()
        for name, organisation, role in PEOPLE[:14]:
            Registration.objects.create(
                event=past,
                name=name,
                email=_email(name),
                organisation=organisation,
                role=role,
                status="confirmed",
                confirmed_at=past.start - timedelta(days=10),
                attended_at=past.start if name != "Tom Vidal" else None,
                consent_at=now,
            )
    if not Registration.objects.filter(event=full).exists():
        # 12 seats taken and 3 people waiting, through the same code as the public form.
        for name, organisation, role in PEOPLE[:15]:
            booking.register(
                full,
                booking.Applicant(
                    name=name, email=_email(name), organisation=organisation, role=role
                ),
                notify=False,
            )
    if not Registration.objects.filter(event=approval).exists():
        for name, organisation, role in PEOPLE[10:14]:
            booking.register(
                approval,
                booking.Applicant(
                    name=name, email=_email(name), organisation=organisation, role=role
                ),
                notify=False,
            )


def _previous_cycle(agenda: AgendaPage, venues, year: int) -> EventCyclePage:
    innovation = _theme("Innovation")
    digital = _theme("Numérique")
    cycle = upsert_page(
        agenda,
        EventCyclePage,
        "hybridations-creation-immersive",
        title="Hybridations : création et technologies immersives",
        year=year - 1,
        theme=innovation[0] if innovation else None,
        image=images.illustration("cycle-hybridations", "audiovisuel", "Cycle Hybridations"),
        search_description=f"Le cycle {year - 1}-{year} sur la réalité virtuelle, le son "
        "spatialisé et les dispositifs immersifs.",
        intro="<p>La saison dernière, le cycle a exploré la réalité virtuelle, le son spatialisé "
        "et les dispositifs immersifs dans le spectacle vivant et les musées.</p>",
    )
    house, fabrique = venues["Maison des industries créatives"], venues["La Fabrique du Brézet"]
    for slug, title, fmt, days, venue in (
        (
            "masterclass-son-spatialise",
            "Masterclass : le son spatialisé au plateau",
            EventFormat.MASTERCLASS,
            -300,
            house,
        ),
        (
            "atelier-realite-virtuelle-musees",
            "Atelier : la réalité virtuelle au musée",
            EventFormat.WORKSHOP,
            -250,
            fabrique,
        ),
        (
            "hackathon-experiences-immersives",
            "Hackathon : expériences immersives en 48 heures",
            EventFormat.HACKATHON,
            -200,
            fabrique,
        ),
    ):
        _publish_event(
            cycle,
            slug,
            title=title,
            format=fmt,
            start=_at(days, 9, 30),
            end=_at(days + (1 if fmt == EventFormat.HACKATHON else 0), 17, 0),
            venue=venue,
            capacity=25,
            themes=innovation + digital,
            intro=f"<p>{title.split(' : ')[1].capitalize()} : un rendez-vous du cycle "
            "Hybridations, avec démonstrations et retours d’expérience.</p>",
        )
    return cycle
