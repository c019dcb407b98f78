"""Body blocks of resource pages: the shared blocks plus the sector action plan table."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from hub.blocks import BaseStreamBlock

PLAN_TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class ActionPlanRowBlock(blocks.StructBlock):
    stake = blocks.CharBlock(label=_("enjeu"))
    keywords = blocks.CharBlock(
        label=_("mots-clés"), required=False, help_text=_("Séparés par des virgules.")
    )
    actions = blocks.RichTextBlock(label=_("actions"), features=PLAN_TEXT_FEATURES)
    comments = blocks.RichTextBlock(
        label=_("commentaires"), features=PLAN_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "list-ul"
        label = _("Ligne du plan d’action")


class ActionPlanBlock(blocks.StructBlock):
    """A sector action plan: one row per stake, with its keywords, actions and comments."""

    title = blocks.CharBlock(label=_("titre du plan"))
    introduction = blocks.RichTextBlock(
        label=_("introduction"), features=PLAN_TEXT_FEATURES, required=False
    )
    rows = blocks.ListBlock(ActionPlanRowBlock(), label=_("enjeux"))

    class Meta:
        icon = "table"
        label = _("Plan d’action (enjeux, mots-clés, actions, commentaires)")
        template = "resources/blocks/action_plan.html"
        preview_value = {
            "title": "Plan d'action de la filière",
            "rows": [
                {
                    "stake": "Réduire l'empreinte des tournées",
                    "keywords": "mobilité, mutualisation",
                    "actions": "<p>Coordonner les dates entre lieux voisins.</p>",
                    "comments": "<p>À engager dès la saison prochaine.</p>",
                }
            ],
        }


class ResourceStreamBlock(BaseStreamBlock):
    """Shared blocks plus the action plan table, for guides and schemes."""

    action_plan = ActionPlanBlock()
