"""The English demo: the home page, every section and a representative set of pages.

Runs after the French loaders. Each English page is a Wagtail translation of its French
original (same `translation_key`, created with `copy_for_translation` as simple_translation
does in the admin), with every text field rewritten in English: a page that is not listed here
has no English version, so no French text is ever served under /en/.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from demo.utils import callout, heading, home_page, paragraph
from events.models import (
    AgendaPage,
    CyclePartner,
    EventCyclePage,
    EventPage,
    EventSpeaker,
    Venue,
)
from hub.models import (
    Audience,
    HomePage,
    HomePageFeature,
    HomePagePartner,
    Sector,
    SiteSettings,
    StandardPage,
    Territory,
    Theme,
)
from resources.mentoring.models import ExpertiseDomain, MentoringProgrammePage
from resources.models import (
    DirectoryPage,
    GuideDocument,
    GuidePage,
    ResourceIndexPage,
    SchemeFormField,
    SupportSchemePage,
    TrainingProgrammePage,
)
from watch.collection.models import CallsIndexPage, NewsIndexPage
from watch.mailing.models import SubscriptionPage

ABOUT_BODY = [
    paragraph(
        "<p>Passerelles is the website of the regional cluster of cultural and creative "
        "industries. It brings together theatre and dance companies, record labels, design "
        "studios, audiovisual producers, video game publishers and venues around one shared "
        "ambition: to go through the ecological, digital and economic transitions together.</p>"
    ),
    heading("An innovation observatory"),
    paragraph(
        "<p>Each year the observatory picks a theme and builds a <b>cycle of events</b> around "
        "it: hands-on workshops, masterclasses, short training courses, professional meetups, "
        "hackathons and creative weekends. This season is about sustainable, eco-responsible "
        "innovation in the creative industries.</p>"
    ),
    heading("A foresight working group"),
    paragraph(
        "<p>Managers, employees, training bodies and skills operators (OPCO) look ahead at how "
        "the ecological transition is changing the jobs and skills of our sectors. The group "
        "publishes <b>guides</b>, reference frameworks and recommendations, free to download.</p>"
    ),
    heading("Learning from peers"),
    paragraph(
        "<p>The mentoring programme pairs experienced professionals with younger organisations "
        "to pass on know-how: production, touring, management, eco-design. A call for "
        "applications opens twice a year.</p>"
    ),
    callout(
        "<p>Are you a member? Some resources are for members only: log in to read them.</p>",
        title="Members' area",
    ),
]

# The English texts of what is not a page (name_en, description_en…), keyed by the French name.
THEMES = {
    "Transition écologique": (
        "Ecological transition",
        "Shrinking the footprint of productions, tours and venues.",
    ),
    "Innovation": ("Innovation", "New uses, new forms, research and experimentation."),
    "Compétences et emploi": (
        "Skills and employment",
        "Changing jobs, training, workforce planning, passing on know-how.",
    ),
    "Financement": ("Funding", "Calls for projects, grants, loans, sponsorship."),
    "Numérique": ("Digital", "Tools, data, digital creation, digital sobriety."),
    "Europe": ("Europe", "European programmes and international cooperation."),
    "Management": (
        "Management",
        "Governance, business models, social dialogue, quality of working life.",
    ),
}
AUDIENCES = {
    "Artistes et auteurs": "Artists and authors",
    "Entreprises et structures": "Companies and organisations",
    "Salariés": "Employees",
    "Dirigeants et managers": "Directors and managers",
    "Demandeurs d'emploi": "Job seekers",
    "Étudiants": "Students",
    "Collectivités territoriales": "Local authorities",
}
SECTORS = {
    "Spectacle vivant": "Live performance",
    "Musiques actuelles": "Contemporary music",
    "Arts visuels": "Visual arts",
    "Design": "Design",
    "Audiovisuel et cinéma": "Audiovisual and film",
    "Jeux vidéo": "Video games",
    "Édition": "Publishing",
    "Patrimoine": "Heritage",
    "Mode et métiers d'art": "Fashion and crafts",
}
TERRITORIES = {
    "Union européenne": "European Union",
    "Clermont Auvergne Métropole": "Clermont Auvergne Metropolis",
}
DOMAINS = {
    "Administration et paie": "Administration and payroll",
    "Production": "Production",
    "Diffusion et tournée": "Distribution and touring",
    "Communication et publics": "Communication and audiences",
    "Écoconception des événements": "Eco-design of events",
    "Financements européens": "European funding",
    "RH et gestion des compétences": "HR and skills management",
    "Numérique et données": "Digital and data",
}
VENUES = {
    "Maison des industries créatives": (
        "Tram A, Jaude stop (5 minutes' walk). Buses B and C, Gaillard stop. Bike racks at the "
        "entrance; Jaude 2 car park 300 m away.",
        "Step-free entrance, lift to the upstairs room, hearing loop in the auditorium. French "
        "Sign Language interpreting on request, at least ten days before the event.",
    ),
    "La Fabrique du Brézet": (
        "Bus 20, Brézet-Chaufferies stop. Large free car park in front of the workshop. Car "
        "sharing from the station: say so when you register.",
        "Former step-free warehouse; the workshop is noisy during cutting demonstrations "
        "(ear defenders lent). Reserved parking spaces by the entrance.",
    ),
    "Tiers-lieu La Pépinière": (
        "Riom station is a 10-minute walk (regional trains from Clermont-Ferrand every "
        "20 minutes). Manufacture car park 150 m away.",
        "The ground floor is accessible; the residency room is upstairs with no lift. Let us "
        "know: the workshop can be held on the ground floor.",
    ),
}
SETTINGS = {
    "tagline_en": "Cluster of the cultural and creative industries",
    "footer_text_en": "Passerelles supports professionals of the cultural and creative "
    "industries through the ecological, digital and economic transitions.",
    "email_footer_en": "Passerelles, cluster of the cultural and creative industries.",
    "accessibility_status_en": "partially compliant",
}

MENTORING_FIELDS = [
    ("I would like to", "radio", "Become a mentor\nBe supported by a mentor", True, ""),
    ("Full name", "singleline", "", True, ""),
    ("E-mail", "email", "", True, "We will write to you at this address."),
    ("Organisation", "singleline", "", True, "Company, label, studio, venue…"),
    ("Job title", "singleline", "", True, ""),
    (
        "Region",
        "dropdown",
        "Auvergne-Rhône-Alpes\nBourgogne-Franche-Comté\nOccitanie\nNouvelle-Aquitaine\n"
        "Another region",
        True,
        "",
    ),
    (
        "Areas of expertise",
        "checkboxes",
        "Production\nTouring and distribution\nAdministration and management\nEco-design\n"
        "Communication and audiences\nFunding and Europe",
        True,
        "What you pass on, or what you would like support with.",
    ),
    ("What you expect, in a few lines", "multiline", "", False, ""),
]


def load(stdout) -> None:
    english = Locale.objects.get_or_create(language_code="en")[0]
    with transaction.atomic():
        home = _home(english)
        sections = _sections(english)
        pages = _resources(english) + _events(english) + _mentoring(english)
        _home_features(home)
        _texts_that_are_not_pages()
    stdout.write(
        f"  english : home page, {len(sections)} sections and {len(pages)} pages in English "
        f"({home.url})"
    )


def _texts_that_are_not_pages() -> None:
    """The English names and notes of terms, venues and site settings (one row per language)."""
    # Saved one by one (not .update()): the signals clear the cached pages that show them.
    for theme in Theme.objects.filter(name__in=THEMES):
        theme.name_en, theme.description_en = THEMES[theme.name]
        theme.save()
    for model, names in (
        (Audience, AUDIENCES),
        (Sector, SECTORS),
        (Territory, TERRITORIES),
        (ExpertiseDomain, DOMAINS),
    ):
        for term in model.objects.filter(name__in=names):
            term.name_en = names[term.name]
            term.save()
    for venue in Venue.objects.filter(name__in=VENUES):
        venue.access_en, venue.accessibility_en = VENUES[venue.name]
        venue.save()
    for site in Site.objects.all():
        site_settings = SiteSettings.for_site(site)
        for field, value in SETTINGS.items():
            setattr(site_settings, field, value)
        site_settings.save()


def translate(original: Page, locale: Locale, **fields) -> Page:
    """The translation of `original` in `locale` with `fields`, published; created the first
    time by copying the original (its parent must be translated already)."""
    original = original.specific
    page = original.get_translation_or_none(locale)
    if page is None:
        page = original.copy_for_translation(locale)
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _french(model, slug: str) -> Page:
    return model.objects.get(slug=slug, locale__language_code="fr")


def _home(english: Locale) -> HomePage:
    return translate(
        home_page(),
        english,
        slug="en",  # never shown: the English home answers at /en/
        title="Home",
        seo_title="Passerelles — cultural and creative industries in transition",
        search_description="Guides, training courses, workshops and a watch on calls for "
        "projects for professionals of the cultural and creative industries.",
        hero_title="Going through the transitions together",
        hero_text="Guides, training courses, workshops and a watch on calls for projects for "
        "professionals of live performance, music, visual arts, design, audiovisual and video "
        "games.",
        hero_link=None,
        hero_link_label="",
        mission=[
            paragraph(
                "<p>The cluster supports the region's cultural and creative organisations through "
                "the transitions: shrinking the ecological footprint of productions, taking up "
                "digital tools, strengthening business models and helping skills evolve.</p>"
            )
        ],
        features=[],
        # The same pictures and partners as the French page (demo/images.py makes them once).
        hero_image=home_page().hero_image,
        mission_image=home_page().mission_image,
        hero_secondary_url="",  # set by _home_features, once the newsletter page is translated
        hero_secondary_label="Get the watch newsletter",
        partners_title="They support the cluster",
        partners=[
            HomePagePartner(name=partner.name, url=partner.url, logo=partner.logo)
            for partner in home_page().partners.all()
        ],
    )


def _sections(english: Locale) -> list[Page]:
    return [
        translate(
            _french(StandardPage, "a-propos"),
            english,
            slug="about",
            title="The cluster",
            search_description="Who we are: a cluster of cultural and creative industries "
            "working for the transitions.",
            intro="<p>A network of professionals of the cultural and creative industries, "
            "committed to the ecological, digital and economic transitions.</p>",
            body=ABOUT_BODY,
        ),
        translate(
            _french(ResourceIndexPage, "ressources"),
            english,
            slug="resources",
            title="Resources",
            search_description="Guides, training courses and support schemes for "
            "professionals of the cultural and creative industries.",
            intro="<p>Guides, reference frameworks, training courses and support schemes to "
            "go through the transitions. Filter by theme, audience, sector or territory.</p>",
        ),
        translate(
            _french(DirectoryPage, "annuaire"),
            english,
            slug="directory",
            title="Directory of support organisations",
            menu_title="Directory",  # the main menu stays on one line at 1280 px
            search_description="Funders, skills operators, training bodies, networks, local "
            "authorities and incubators supporting the creative industries.",
            intro="<p>Who can help you? Funders, skills operators (OPCO), training bodies, "
            "networks, local authorities and incubators, to filter by type and territory.</p>",
        ),
        translate(
            _french(AgendaPage, "agenda"),
            english,
            slug="events",
            title="Events",
            search_description="Workshops, masterclasses, training courses, meetups and "
            "hackathons of the cultural and creative industries cluster.",
            intro="<p>Hands-on workshops, masterclasses, short training courses, professional "
            "meetups, hackathons and creative weekends: every event of the cluster, most of "
            "them free.</p>",
        ),
        translate(
            _french(CallsIndexPage, "appels-a-projets"),
            english,
            slug="calls-for-projects",
            title="Calls for projects",
            search_description="Calls for projects and applications for cultural and creative "
            "professionals.",
            intro="<p>Calls for projects, calls for applications and support schemes spotted "
            "by the editorial team, most urgent first. Calls are published in the language of "
            "the funder that issues them, mostly French.</p>",
        ),
        translate(
            _french(NewsIndexPage, "veille"),
            english,
            slug="news-watch",
            title="News watch",
            search_description="The Passerelles news watch: news of the cultural and creative "
            "industries.",
            intro="<p>News from networks, local authorities and funders, selected for you "
            "(in the language they were published in, mostly French).</p>",
        ),
        translate(
            _french(SubscriptionPage, "lettre-de-veille"),
            english,
            slug="newsletter",
            title="Newsletter",
            seo_title="Subscribe to the newsletter",
            search_description="Every week or every month, the calls for projects, news, "
            "resources and events that matter for your work.",
            intro="<p>Every Monday morning (or on the 1st of the month, if you prefer), the "
            "newsletter gathers what the team has spotted for you: <b>calls for projects "
            "closing soon</b>, new calls, news of the sector, our new resources and the next "
            "events open for registration. The newsletter itself is written in French.</p>"
            "<ul><li>Pick your themes: you only receive what concerns you.</li>"
            "<li>Nothing you have already received is sent again.</li>"
            "<li>A link in every e-mail to change your mind, pause or unsubscribe in one "
            "click.</li></ul>",
            after_subscribe='<p>Meanwhile, browse the <a href="/en/lettre/archives/">letters '
            "already sent</a>.</p>",
        ),
    ]


def _resources(english: Locale) -> list[Page]:
    french_guide = _french(GuidePage, "reduire-empreinte-carbone-tournee")
    # The same files (written in French), under English titles that say so.
    english_titles = [
        "Emissions tracking sheet (CSV, in French)",
        "Eco-friendly hosting charter (ODT, in French)",
    ]
    documents = [
        GuideDocument(document=item.document, title=title)
        for item, title in zip(
            french_guide.documents.order_by("sort_order"), english_titles, strict=False
        )
    ]
    guide = translate(
        french_guide,
        english,
        documents=documents,
        slug="reducing-a-tours-carbon-footprint",
        title="Reducing the carbon footprint of a tour",
        seo_title="",
        search_description="",
        summary="Measure what a tour emits, group the dates, take the train, lighten the "
        "technical rider and work with the venues on how audiences travel: a three-season plan, "
        "a tracking sheet and a hosting charter to adapt.",
        body=[
            heading("Drawing the route"),
            paragraph(
                "<p>Group your dates by area and coordinate with neighbouring venues: a "
                "star-shaped tour around a residency saves hundreds of kilometres.</p>"
            ),
            heading("Lightening the technical rider"),
            paragraph(
                "<p>An adaptable technical rider (a light version, equipment available on site) "
                "cuts freight and makes it easier to play small venues.</p>"
            ),
            {
                "type": "quote",
                "value": {
                    "quote": "By grouping our dates, we halved the kilometres travelled without "
                    "losing a single performance.",
                    "attribution": "A tour booker",
                },
            },
        ],
    )
    training = translate(
        _french(TrainingProgrammePage, "bilan-carbone-spectacle"),
        english,
        slug="carbon-footprint-of-a-show",
        title="Measuring the carbon footprint of a show or a festival",
        seo_title="",
        search_description="",
        summary="Two days to measure the emissions of a production and build a realistic "
        "reduction plan.",
        objectives="<ul><li>Identify the emission sources of a production.</li><li>Collect the "
        "data and use a carbon calculator.</li><li>Build a reduction plan.</li></ul>",
        expected_results="<p>Each trainee leaves with the footprint of their production and "
        "three costed actions.</p>",
        target_audience="Administrators, production managers, stage managers.",
        prerequisites="<p>None; bring the data of one of your productions.</p>",
        programme_content="<h3>Day 1</h3><p>Method, scope, data collection.</p><h3>Day 2</h3>"
        "<p>Calculation, reading the results, action plan.</p>",
        price_note="Price for organisations. May be funded by AFDAS.",
        accessibility="Step-free premises. We adapt materials and pace: tell us about your "
        "needs before you register.",
        accessibility_contact="Claire Martin, handicap@passerelles.example",
        access_delay="Registration up to 15 days before the session starts.",
        contact_name="Training department",
        assessment_methods="<p>Placement quiz, practical exercise, satisfaction survey at the "
        "end and three months later.</p>",
        teaching_methods="<p>Short talks, case studies from the sector, group workshops, "
        "materials handed to every trainee.</p>",
    )
    scheme = translate(
        _french(SupportSchemePage, "mentorat-entre-pairs"),
        english,
        slug="peer-mentoring",
        title="Peer mentoring: passing on know-how",
        seo_title="",
        search_description="",
        summary="A six-month programme pairing experienced professionals with younger "
        "organisations. Call for applications open.",
        for_whom="<p>Professionals who want to <b>pass on</b> their know-how, and organisations "
        "less than five years old that would like to be <b>supported</b>.</p>",
        eligibility="<ul><li>Organisation based in Auvergne-Rhône-Alpes.</li><li>Half a day a "
        "month available for six months.</li></ul>",
        benefits="<p>A carefully chosen pair, three group meetings, a logbook and access to "
        "the cluster's training courses.</p>",
        how_it_works="<p>After the call, a committee forms the pairs. Each pair sets its goals "
        "and meets once a month; the cluster runs the group sessions.</p>",
        how_to_apply="<p>Fill in the form below before the deadline. The committee answers "
        "every application.</p>",
        contacts='<p>Mentoring team: <a href="mailto:mentorat@passerelles.example">'
        "mentorat@passerelles.example</a></p>",
        form_intro="<p>Ten minutes are enough. You will receive a summary by e-mail.</p>",
        thank_you_text="<p>Thank you! The committee reviews applications within a month of "
        "the call closing.</p>",
        closed_text="<p>This call for applications is closed. The next one opens in six "
        "months.</p>",
        confirmation_subject="Your application to the mentoring programme",
        confirmation_text="Thank you for applying to the peer-mentoring programme. The "
        "committee meets after the call closes and will answer you within a month.",
        subject="New mentoring application (English form)",
        body=[],
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
    return [guide, training, scheme]


def _events(english: Locale) -> list[Page]:
    cycle = translate(
        _french(EventCyclePage, "innovation-durable"),
        english,
        slug="sustainable-innovation",
        title="Innovating sustainably: eco-responsibility in the creative industries",
        search_description="This season's cycle: workshops, masterclasses and hackathons to "
        "shrink the ecological footprint of cultural productions.",
        intro="<p>This season, the innovation observatory explores how companies, labels, "
        "studios and venues shrink the footprint of their work without giving up artistic "
        "ambition.</p>",
        body=[
            heading("Why this cycle"),
            paragraph(
                "<p>Sets thrown away after three dates, half-empty vans on tour, oversized "
                "servers: our sectors have real room for progress. Every event starts from a "
                "real case and ends with reusable tools.</p>"
            ),
            callout(
                "<p>Every event is free for members. Accessibility needs mentioned when you "
                "register are taken into account.</p>",
                title="Good to know",
                kind="tip",
            ),
        ],
        partners=[
            CyclePartner(name="Collectif des scènes écoresponsables", role="Co-organiser"),
            CyclePartner(name="Réseau numérique sobre Auvergne", role="Hackathon"),
            CyclePartner(
                name="École supérieure d'art de la métropole", role="Hosts the residencies"
            ),
        ],
    )
    masterclass = translate(
        _french(EventPage, "masterclass-ecoconception-decors"),
        english,
        slug="masterclass-eco-designing-sets-and-costumes",
        title="Masterclass: eco-designing sets and costumes",
        search_description="",
        intro="<p>A set designer and a costume maker show, with pieces to hand, how to design "
        "for dismantling, reuse and touring.</p>",
        body=[
            paragraph(
                "<p>Bio-based materials, reversible joints, set recycling centres: the "
                "masterclass starts from three recent productions and their construction "
                "notebooks. Bring your drawings and we will look at them together.</p>"
            )
        ],
        speakers=[
            EventSpeaker(
                name="Marion Delcourt",
                role="Set designer",
                bio="Twenty years of sets for theatre and opera, founder of a set recycling "
                "centre.",
            ),
            EventSpeaker(
                name="Aïcha Benali",
                role="Costume maker",
                bio="Specialist in textile reuse for the stage.",
            ),
        ],
    )
    meetup = translate(
        _french(EventPage, "rencontre-mutualiser-materiel"),
        english,
        slug="meetup-sharing-equipment",
        title="Professional meetup: sharing equipment between venues and companies",
        search_description="",
        intro="<p>Lending platforms, shared inventories, insurance: how to circulate "
        "spotlights, seating and stage platforms between organisations of the area.</p>",
        body=[],
        speakers=[],
    )
    return [cycle, masterclass, meetup]


def _mentoring(english: Locale) -> list[Page]:
    programme = translate(
        _french(MentoringProgrammePage, "mentorat"),
        english,
        slug="mentoring",
        title="Peer mentoring: the regional network of know-how",
        menu_title="Mentoring",
        search_description="Offer your expertise or find someone to learn from: three- to "
        "six-month pairs between cultural organisations of the region.",
        intro="<p>Experienced professionals pass on their know-how to people from other "
        "organisations, in pairs that last three to six months. Everyone comes away with new "
        "skills and a certificate.</p>",
        body="<ul><li>You apply in ten minutes, offering or looking for support.</li><li>When "
        "the call closes, the team forms the pairs from areas of expertise, territories and "
        "availability.</li><li>Each person accepts the pairing through a link sent by e-mail; "
        "then you set your meetings together.</li></ul>",
        thank_you_text="<p>Thank you! The team forms the pairs within a month of the call "
        "closing.</p>",
    )
    return [programme]


def _home_features(home: HomePage) -> None:
    """Put forward, on the English home page, the English versions of the French features."""
    # Fresh from the database: the copy in hand still counts no children (treebeard's numchild),
    # and publishing it would hide the sections translated since.
    home = HomePage.objects.get(pk=home.pk)
    french = home_page()
    features = []
    for order, feature in enumerate(french.features.select_related("page")):
        translated = feature.page.get_translation_or_none(home.locale)
        if translated is not None and translated.live:
            features.append(HomePageFeature(page=translated, sort_order=order))
    hero_link = french.hero_link.get_translation_or_none(home.locale) if french.hero_link else None
    home.features = features
    home.hero_link = hero_link
    cycle = french.featured_cycle
    cycle = cycle.get_translation_or_none(home.locale) if cycle else None
    home.featured_cycle = cycle
    if hero_link is None:
        home.hero_link_label = ""
    elif cycle is not None and hero_link.pk == cycle.pk:
        home.hero_link_label = f"Discover the {cycle.specific.season_label} cycle"
    else:
        home.hero_link_label = "Find out more"
    newsletter = _french(SubscriptionPage, "lettre-de-veille").get_translation_or_none(home.locale)
    home.hero_secondary_url = newsletter.get_url() if newsletter and newsletter.live else ""
    home.sections = _home_sections(french, home.locale)
    home.save_revision().publish()


# The French pillars (demo/site.py, feature_on_home) in English, in the same order.
PILLARS = [
    (
        "Keep informed",
        "Guides, frameworks and studies to understand what is changing in your line of work.",
        "Read the guides",
    ),
    (
        "Meet your peers",
        "Workshops, masterclasses and hackathons: start from a real case, leave with tools.",
        "See the events",
    ),
    (
        "Get support",
        "An experienced mentor at your side for six months to strengthen your project.",
        "Discover mentoring",
    ),
]

KEY_FIGURES = {
    "title": "The cluster in figures",
    "items": [
        {"value": "140", "label": "member organisations in six sectors"},
        {"value": "35", "label": "events a season, free for members"},
        {"value": "12", "label": "guides and frameworks, free to read"},
        {"value": "1,200", "label": "subscribers to the watch newsletter"},
    ],
}


def _home_sections(french: HomePage, locale: Locale) -> list[dict]:
    """The French home page's sections in English: same pictures, links to the English pages."""
    sections = []
    for block in french.sections:
        if block.block_type == "key_figures":
            sections.append({"type": "key_figures", "value": KEY_FIGURES})
        elif block.block_type == "pillars":
            items = []
            for item, (title, text, label) in zip(block.value["items"], PILLARS, strict=False):
                page = item["page"]
                page = page.get_translation_or_none(locale) if page else None
                picture = item["image"]
                items.append(
                    {
                        "image": {
                            "image": picture.pk if picture else None,
                            "decorative": True,
                            "alt_text": "",
                        },
                        "title": title,
                        "text": text,
                        "page": page.pk if page and page.live else None,
                        "link_label": label,
                    }
                )
            sections.append(
                {
                    "type": "pillars",
                    "value": {
                        "title": "What the cluster does for you",
                        "intro": "Three ways in, for artists and organisations alike.",
                        "items": items,
                    },
                }
            )
    return sections
