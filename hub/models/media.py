"""Custom image and document models, so fields can be added later without a painful swap."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images import get_image_model_string
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image of the library, with the credit a reuse needs."""

    credit = models.CharField(_("crédit"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("credit",)


class CustomRendition(AbstractRendition):
    """A resized version of a CustomImage."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A downloadable document (guide PDF, programme, form) with a short description."""

    description = models.TextField(_("description"), blank=True)

    admin_form_fields = Document.admin_form_fields + ("description",)


def image_field(verbose_name) -> models.ForeignKey:
    """An optional picture from the library; deleting the image empties the field."""
    return models.ForeignKey(
        get_image_model_string(),
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
