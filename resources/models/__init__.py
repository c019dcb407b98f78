from resources.choices import ResourceKind
from resources.models.base import ResourceEntry, ResourcePage
from resources.models.directory import DirectoryPage, Organisation
from resources.models.guides import GuideDocument, GuidePage
from resources.models.index import ResourceIndexPage
from resources.models.schemes import SchemeApplicationAccount, SchemeFormField, SupportSchemePage
from resources.models.training import TrainingProgrammePage, TrainingSession

# Concrete resource page types, in the order the index presents them.
RESOURCE_PAGE_MODELS = (GuidePage, TrainingProgrammePage, SupportSchemePage)

__all__ = [
    "RESOURCE_PAGE_MODELS",
    "DirectoryPage",
    "GuideDocument",
    "GuidePage",
    "Organisation",
    "ResourceEntry",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourcePage",
    "SchemeApplicationAccount",
    "SchemeFormField",
    "SupportSchemePage",
    "TrainingProgrammePage",
    "TrainingSession",
]
