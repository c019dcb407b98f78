"""Public endpoints of mentoring that are not Wagtail pages."""

from django.urls import path

from resources.mentoring import views

urlpatterns = [
    path("mentorat/<int:page_id>/candidater/", views.apply, name="mentoring_apply"),
    path("mentorat/binome/<str:token>/", views.pairing, name="mentoring_pairing"),
    path("mentorat/attestation/<str:token>/", views.attestation, name="mentoring_attestation"),
]
