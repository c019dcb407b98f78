from django.urls import path

from members import moderation_views, views, workspace_views

app_name = "members"
WORKSPACE = "espace-membres/espaces/<slug:slug>/"

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

# Inside a workspace (members/workspace_views.py): everything is filtered by the workspace.
urlpatterns += [
    path(f"{WORKSPACE}", workspace_views.home, name="workspace"),
    path(f"{WORKSPACE}discussions/", workspace_views.thread_list, name="threads"),
    path(f"{WORKSPACE}discussions/nouvelle/", workspace_views.thread_new, name="thread_new"),
    path(f"{WORKSPACE}discussions/<int:pk>/", workspace_views.thread_detail, name="thread"),
    path(f"{WORKSPACE}documents/", workspace_views.document_list, name="documents"),
    path(f"{WORKSPACE}documents/deposer/", workspace_views.document_new, name="document_new"),
    path(f"{WORKSPACE}documents/<int:pk>/", workspace_views.document_detail, name="document"),
    path(
        f"{WORKSPACE}documents/<int:pk>/telecharger/",
        workspace_views.document_download,
        name="document_download",
    ),
    path(
        f"{WORKSPACE}documents/<int:pk>/versions/<int:number>/telecharger/",
        workspace_views.document_download,
        name="version_download",
    ),
    path(f"{WORKSPACE}recherche/", workspace_views.search, name="workspace_search"),
]

# Moderation (members/moderation_views.py): coordinators and editors only, one view whose
# `action` says what it does.
MODERATION = [
    ("messages/<int:pk>/masquer/", "post_hide"),
    ("messages/<int:pk>/retablir/", "post_restore"),
    ("messages/<int:pk>/retirer/", "post_remove"),
    ("documents/<int:pk>/retirer/", "document_remove"),
    ("documents/<int:pk>/versions/<int:number>/retirer/", "version_remove"),
]
urlpatterns += [
    path(f"{WORKSPACE}{route}", moderation_views.ModerateView.as_view(action=action), name=action)
    for route, action in MODERATION
]
