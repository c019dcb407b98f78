"""Demo content of mentoring: a programme with its open call, 12 mentors and 8 seekers across
the region, two active pairings and a completed one with its attestation. Idempotent."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from demo.utils import home_page, upsert_page
from hub.models import Sector, Territory
from resources.mentoring import tokens
from resources.mentoring.choices import ApplicationState, Format, Kind, PairingState
from resources.mentoring.matching import load_profiles, score, territory_neighbours
from resources.mentoring.models import (
    CONSENT_VERSION,
    Application,
    ExpertiseDomain,
    MentoringMeshPage,
    MentoringProgrammePage,
    Pairing,
    TerritoryNeighbours,
)

DOMAINS = [
    ("Administration et paie", "Paie des intermittents, conventions collectives, DSN."),
    ("Production", "Budgets de création, coproductions, contrats de cession."),
    ("Diffusion et tournée", "Prospection, logistique et planification des tournées."),
    ("Communication et publics", "Médiation, réseaux sociaux, relations presse."),
    ("Écoconception des événements", "Bilan carbone, mobilités, restauration, scénographie."),
    ("Financements européens", "Europe créative, Interreg, montage de consortiums."),
    ("RH et gestion des compétences", "Recrutement, entretiens, plan de développement."),
    ("Numérique et données", "Billetterie, outils collaboratifs, RGPD."),
]
NEIGHBOURS = [
    ("Puy-de-Dôme", "Allier"),
    ("Puy-de-Dôme", "Cantal"),
    ("Puy-de-Dôme", "Haute-Loire"),
    ("Puy-de-Dôme", "Clermont Auvergne Métropole"),
    ("Cantal", "Haute-Loire"),
]
# name, structure, role, territory, domains, sectors, hours, format, capacity, public
MENTORS = [
    ("Paul Mercier", "Compagnie Le Fil", "Administrateur", "Clermont Auvergne Métropole",
     ["Administration et paie", "Production"], ["Spectacle vivant"], 4, Format.EITHER, 2, True),
    ("Léa Fontaine", "Festival des Volcans", "Directrice de production", "Puy-de-Dôme",
     ["Production", "Écoconception des événements"], ["Musiques actuelles"], 6, Format.ON_SITE, 2,
     True),
    ("Karim Benali", "La Coopérative de Mai", "Chargé de diffusion", "Clermont Auvergne Métropole",
     ["Diffusion et tournée"], ["Musiques actuelles"], 3, Format.EITHER, 1, True),
    ("Sophie Garnier", "Scène nationale de Vichy", "Secrétaire générale", "Allier",
     ["Communication et publics", "RH et gestion des compétences"], ["Spectacle vivant"], 4,
     Format.EITHER, 1, False),
    ("Hugo Lambert", "Studio Pixel Dôme", "Producteur", "Puy-de-Dôme",
     ["Financements européens", "Production"], ["Jeux vidéo"], 2, Format.REMOTE, 1, True),
    ("Claire Dubois", "Agence Tisser", "Consultante RH", "Haute-Loire",
     ["RH et gestion des compétences"], [], 4, Format.EITHER, 2, False),
    ("Antoine Roux", "Le Transfo", "Régisseur général", "Cantal",
     ["Écoconception des événements", "Diffusion et tournée"], ["Spectacle vivant"], 3,
     Format.ON_SITE, 1, True),
    ("Nadia Haddad", "Musée d’art Roger-Quilliot", "Responsable des publics",
     "Clermont Auvergne Métropole", ["Communication et publics"], ["Arts visuels", "Patrimoine"],
     2, Format.EITHER, 1, True),
    ("Julien Faure", "Collectif Ouvre-Boîte", "Administrateur de production", "Allier",
     ["Administration et paie", "Financements européens"], ["Arts visuels"], 5, Format.REMOTE, 2,
     False),
    ("Marion Chabert", "Festival du court métrage", "Coordinatrice", "Clermont Auvergne Métropole",
     ["Financements européens", "Communication et publics"], ["Audiovisuel et cinéma"], 3,
     Format.EITHER, 1, True),
    ("Olivier Brun", "Design Lab Auvergne", "Directeur", "Puy-de-Dôme",
     ["Numérique et données", "RH et gestion des compétences"], ["Design"], 4, Format.EITHER, 1,
     True),
    ("Élodie Perrin", "Théâtre du Pélican", "Administratrice", "Haute-Loire",
     ["Administration et paie", "Diffusion et tournée"], ["Spectacle vivant"], 4, Format.ON_SITE,
     1, False),
]  # fmt: skip
SEEKERS = [
    ("Inès Robert", "Compagnie des Hauts Plateaux", "Chargée d’administration", "Cantal",
     ["Administration et paie"], ["Spectacle vivant"], 4, Format.EITHER),
    ("Thomas Girard", "Association Sonorités", "Coordinateur", "Allier",
     ["Écoconception des événements", "Production"], ["Musiques actuelles"], 4, Format.ON_SITE),
    ("Camille Martin", "Studio Lune Rousse", "Cofondatrice", "Puy-de-Dôme",
     ["Financements européens"], ["Jeux vidéo"], 2, Format.REMOTE),
    ("Yanis Moreau", "Label Basalte", "Chargé de diffusion", "Clermont Auvergne Métropole",
     ["Diffusion et tournée", "Communication et publics"], ["Musiques actuelles"], 3, Format.EITHER),
    ("Manon Leroy", "Galerie Traverse", "Médiatrice", "Haute-Loire",
     ["Communication et publics"], ["Arts visuels"], 2, Format.EITHER),
    ("Lucas Bernard", "Compagnie Rebonds", "Administrateur", "Haute-Loire",
     ["Administration et paie", "RH et gestion des compétences"], ["Spectacle vivant"], 3,
     Format.EITHER),
    ("Sarah Petit", "Atelier Matière", "Designer", "Allier",
     ["Numérique et données"], ["Design"], 2, Format.REMOTE),
    ("Nicolas Vidal", "Cinéclub des Combrailles", "Président", "Puy-de-Dôme",
     ["Financements européens", "Communication et publics"], ["Audiovisuel et cinéma"], 2,
     Format.EITHER),
]  # fmt: skip
# (mentor, mentee, state, weeks since the start, planned hours, hours done)
PAIRINGS = [
    ("Paul Mercier", "Inès Robert", PairingState.ACTIVE, 6, 24, None),
    ("Léa Fontaine", "Thomas Girard", PairingState.ACTIVE, 3, 20, None),
    ("Hugo Lambert", "Camille Martin", PairingState.COMPLETED, 30, 18, 16),
]


def load(stdout) -> None:
    with transaction.atomic():
        domains = {}
        for order, (name, description) in enumerate(DOMAINS):
            domains[name], _ = ExpertiseDomain.objects.update_or_create(
                name=name, defaults={"description": description, "sort_order": order}
            )
        territories = {territory.name: territory for territory in Territory.objects.all()}
        sectors = {sector.name: sector for sector in Sector.objects.all()}
        for a, b in NEIGHBOURS:
            TerritoryNeighbours.objects.get_or_create(
                territory=territories[a], neighbour=territories[b]
            )
        programme = _programme()
        people = {}
        for (
            name,
            structure,
            role,
            territory,
            names,
            sector_names,
            hours,
            meeting,
            capacity,
            public,
        ) in MENTORS:
            people[name] = _application(
                programme, Kind.OFFER, name, structure, role, territories[territory],
                [domains[n] for n in names], [sectors[n] for n in sector_names if n in sectors],
                hours, meeting, capacity=capacity, public_profile=public,
            )  # fmt: skip
        for name, structure, role, territory, names, sector_names, hours, meeting in SEEKERS:
            people[name] = _application(
                programme, Kind.SEEK, name, structure, role, territories[territory],
                [domains[n] for n in names], [sectors[n] for n in sector_names if n in sectors],
                hours, meeting,
            )  # fmt: skip
        completed = [_pairing(programme, people, *spec) for spec in PAIRINGS][-1]
    stdout.write(
        f"  mentorat : {len(MENTORS)} mentors, {len(SEEKERS)} personnes accompagnées, "
        f"{len(PAIRINGS)} binômes ; attestation : {tokens.link(completed, 'mentor', 'attestation')}"
    )


def _programme() -> MentoringProgrammePage:
    deadline = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=30), time(23, 59))
    )
    programme = upsert_page(
        home_page(),
        MentoringProgrammePage,
        "mentorat",
        title="Mentorat entre pairs : le maillage régional des savoir-faire",
        menu_title="Mentorat",
        show_in_menus=True,
        search_description="Proposez votre expertise ou trouvez une personne-ressource : "
        "des binômes de trois à six mois entre structures culturelles de la région.",
        intro="<p>Des professionnels expérimentés transmettent leur savoir-faire à des "
        "personnes d’autres structures, le temps d’un binôme de trois à six mois. Chacun en "
        "ressort avec des compétences nouvelles et une attestation.</p>",
        body="<ul><li>Vous candidatez en dix minutes, en proposant ou en cherchant un "
        "accompagnement.</li><li>À la clôture, l’équipe forme les binômes à partir des domaines, "
        "des territoires et des disponibilités.</li><li>Chaque personne accepte le binôme par un "
        "lien reçu par e-mail ; vous fixez ensemble vos rencontres.</li></ul>",
        deadline=deadline,
        closed_at=None,
        thank_you_text="<p>Merci ! L’équipe forme les binômes dans le mois qui suit la clôture "
        "de l’appel.</p>",
    )
    upsert_page(
        programme,
        MentoringMeshPage,
        "reseau",
        title="Le réseau des mentors",
        intro="<p>Qui transmet quoi, et où : les domaines couverts par les mentors du réseau, et "
        "les profils de celles et ceux qui ont choisi d’apparaître ici.</p>",
    )
    return programme


def _application(programme, kind, name, structure, role, territory, domains, sectors, hours,
                  meeting, capacity=1, public_profile=False) -> Application:  # fmt: skip
    application, _ = Application.objects.update_or_create(
        programme=programme,
        email=f"{slugify(name).replace('-', '.')}@exemple.org",
        defaults={
            "kind": kind,
            "state": ApplicationState.RETAINED,
            "name": name,
            "structure": structure,
            "role": role,
            "territory": territory,
            "hours_per_month": hours,
            "format": meeting,
            "capacity": capacity,
            "public_profile": public_profile,
            "consent_version": CONSENT_VERSION,
            "consented_at": timezone.now(),
        },
    )
    application.domains.set(domains)
    application.sectors.set(sectors)
    return application


def _pairing(programme, people, mentor, mentee, state, weeks, planned, done) -> Pairing:
    mentor, mentee = people[mentor], people[mentee]
    start = timezone.localdate() - timedelta(weeks=weeks)
    [seeker], [offer] = (
        load_profiles(Application.objects.filter(pk=p.pk)) for p in (mentee, mentor)
    )
    result = score(seeker, offer, territory_neighbours())
    pairing, _ = Pairing.objects.update_or_create(
        programme=programme,
        mentor=mentor,
        mentee=mentee,
        defaults={
            "state": state,
            "score": result.points,
            "reasons": [reason.text for reason in result.reasons],
            "mentor_accepted_at": timezone.now() - timedelta(weeks=weeks + 1),
            "mentee_accepted_at": timezone.now() - timedelta(weeks=weeks + 1),
            "start_date": start,
            "planned_hours": planned,
            "hours_done": done,
            "completed_at": timezone.now() - timedelta(days=3) if done else None,
            "mentor_evaluation": "Une belle rencontre : nous avons monté ensemble un premier "
            "dossier Europe créative."
            if done
            else "",
            "mentee_evaluation": "Je sais désormais construire un budget de coproduction "
            "européenne."
            if done
            else "",
        },
    )
    pairing.domains.set(
        ExpertiseDomain.objects.filter(applications=mentor).filter(applications=mentee)
    )
    return pairing
