"""Content blocks shared by every page body; apps extend BaseStreamBlock with their own."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titre"))
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading.html"
        preview_value = {"text": "Pourquoi anticiper les compétences de demain", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("type"),
        choices=[("info", _("Information")), ("tip", _("Conseil")), ("warning", _("Attention"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("titre"), required=False)
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Encadré")
        template = "blocks/callout.html"
        preview_value = {"kind": "tip", "title": "Bon à savoir", "text": "<p>Pensez à l'OPCO.</p>"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur ou autrice"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("réponse"), features=RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, default=_("Questions fréquentes"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Foire aux questions")
        template = "blocks/faq.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("intitulé"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document.html"


class LinkButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("libellé"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False)

    class Meta:
        icon = "link"
        label = _("Bouton")
        template = "blocks/button.html"


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("texte"))),
                (
                    "rich_text",
                    blocks.RichTextBlock(
                        label=_("texte riche"), features=["bold", "italic", "link", "ul"]
                    ),
                ),
                ("numeric", blocks.FloatBlock(label=_("nombre"))),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("Tableau")
        template = "blocks/table.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body offers."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
    )
    image = ImageBlock(label=_("Image"), template="blocks/image.html")
    callout = CalloutBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Vidéo ou contenu intégré"), icon="media", template="blocks/embed.html"
    )
    faq = FAQBlock()
    table = TableBlock()
    document = DocumentBlock()
    button = LinkButtonBlock()


# --- Home page sections ---------------------------------------------------------------------


class PillarBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"), required=False)
    title = blocks.CharBlock(label=_("titre"))
    text = blocks.TextBlock(label=_("texte"))
    page = blocks.PageChooserBlock(label=_("page liée"), required=False)
    link_label = blocks.CharBlock(label=_("libellé du lien"), required=False)


class PillarsBlock(blocks.StructBlock):
    """What the cluster does, as illustrated cards (s'informer, se former, se rencontrer…)."""

    title = blocks.CharBlock(label=_("titre"))
    intro = blocks.TextBlock(label=_("introduction"), required=False)
    items = blocks.ListBlock(PillarBlock(), label=_("actions"), min_num=1, max_num=6)

    class Meta:
        icon = "image"
        label = _("Nos actions en images")
        template = "blocks/pillars.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("chiffre"), max_length=20)
    label = blocks.CharBlock(label=_("légende"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    """A strip of key figures (members, events a year, guides published…)."""

    title = blocks.CharBlock(label=_("titre"))
    items = blocks.ListBlock(KeyFigureBlock(), label=_("chiffres"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = _("Chiffres clés")
        template = "blocks/key_figures.html"
        preview_value = {
            "title": "Le cluster en chiffres",
            "items": [{"value": "140", "label": "structures adhérentes"}],
        }


class HomeSectionsBlock(blocks.StreamBlock):
    """The illustrated sections of the home page."""

    pillars = PillarsBlock()
    key_figures = KeyFiguresBlock()
