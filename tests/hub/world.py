"""A site with one page of every type and `size` items in each listing, for the query budgets
and the fragment cache's tests (`site` and `claire` in conftest.py)."""

from hub.models import HomePage, StandardPage
from members.models import WorkspacePage
from resources.mentoring.models import MentoringMeshPage
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.factories import ThemeFactory
from tests.members.workspace_factories import workspace
from tests.mentoring.factories import ProgrammeFactory
from tests.resources.factories import (
    DirectoryPageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
    SupportSchemePageFactory,
    TrainingProgrammePageFactory,
    body,
)
from tests.watch.factories import CallFactory, ItemFactory
from watch.collection.models import CallsIndexPage, NewsIndexPage
from watch.mailing.models import SubscriptionPage


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Site:
    """One page of every type, with `size` items in each listing."""

    def __init__(self, home: HomePage, size: int):
        self.home = home
        theme = ThemeFactory(name="Transition écologique", slug="transition-ecologique")
        self.standard = add(
            home, StandardPage(title="À propos", slug="a-propos", show_in_menus=True)
        )
        self.index = ResourceIndexPageFactory(parent=home, show_in_menus=True)
        guides = [GuidePageFactory(parent=self.index, body=body(f"Texte {n}")) for n in range(size)]
        for guide in guides:
            guide.themes.set([theme])
            guide.save_revision().publish()
        self.guide = guides[0]
        self.training = TrainingProgrammePageFactory(parent=self.index)
        self.scheme = SupportSchemePageFactory(parent=self.index)
        self.directory = DirectoryPageFactory(parent=home)
        self.mentoring = ProgrammeFactory(parent=home)
        self.mesh = add(self.mentoring, MentoringMeshPage(title="Réseau", slug="reseau"))
        self.agenda = add_agenda(home)
        self.cycle = add_cycle(self.agenda)
        events = [add_event(self.cycle, days_ahead=3 + n, themes=[theme]) for n in range(size)]
        self.event = events[0]
        self.calls = add(home, CallsIndexPage(title="Appels", slug="appels-a-projets"))
        self.news = add(home, NewsIndexPage(title="Veille", slug="veille"))
        for _ in range(size):
            CallFactory()
            ItemFactory(status="accepted")
        self.subscription = add(home, SubscriptionPage(title="Lettre", slug="lettre"))
        self.workspace = workspace("projet", "Projet européen")
        self.showcase = add(
            home, WorkspacePage(title="Projet", slug="projet", workspace=self.workspace)
        )

    def urls(self, names) -> dict[str, str]:
        return {name: getattr(self, name).url for name in names}
