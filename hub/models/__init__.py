from hub.models.media import CustomDocument, CustomImage, CustomRendition
from hub.models.outbox import OutgoingEmail
from hub.models.pages import HomePage, HomePageFeature, HomePagePartner, StandardPage
from hub.models.site_settings import SiteSettings
from hub.models.taxonomy import Audience, Sector, Territory, Theme

__all__ = [
    "Audience",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "HomePageFeature",
    "HomePagePartner",
    "OutgoingEmail",
    "Sector",
    "SiteSettings",
    "StandardPage",
    "Territory",
    "Theme",
]
