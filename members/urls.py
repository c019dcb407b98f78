from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("espace-membres/", views.space, name="space"),
    path("espace-membres/adhesion/", views.membership_request, name="membership_request"),
    path("espace-membres/profil/", views.profile_edit, name="profile"),
    path(
        "espace-membres/inscriptions/<uuid:uuid>/annuler/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("espace-membres/mes-donnees/", views.data_export, name="data_export"),
    path("espace-membres/supprimer-mon-compte/", views.account_delete, name="account_delete"),
    path("espace-membres/annuaire/", views.directory_view, name="directory"),
]
