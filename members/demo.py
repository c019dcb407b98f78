"""Demo members: an approved demo account (credentials in README.md), a few listed members of the
directory and two requests waiting in the editors' queue."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from hub.models import Sector, Territory
from members import membership
from members.models import MemberProfile

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
        ["Design", "Mode et métiers d'art"],
        "Clermont Auvergne Métropole",
        MemberProfile.Status.APPROVED,
        MemberProfile.Visibility.LISTED,
        "Studio de design d'objets en matériaux biosourcés ; prototypage et petites séries.",
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
        "Maison d'édition jeunesse ; albums illustrés et livres audio.",
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
    "Rejoindre le réseau pour rencontrer d'autres structures du territoire, suivre les "
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
    stdout.write(f"  members : {len(PEOPLE)} comptes, dont le compte de démonstration {DEMO_EMAIL}")
