"""allauth's account views under French addresses (/compte/…), with allauth's URL names.

A refused form answers 400, like every form of the site (hub.forms.refused_with_400).
"""

from allauth.account import views
from django.urls import path, re_path

from hub.forms import refused_with_400

urlpatterns = [
    path("compte/connexion/", refused_with_400(views.login), name="account_login"),
    path(
        "compte/connexion/code/",
        refused_with_400(views.request_login_code),
        name="account_request_login_code",
    ),
    path(
        "compte/connexion/code/saisir/",
        refused_with_400(views.confirm_login_code),
        name="account_confirm_login_code",
    ),
    path("compte/deconnexion/", views.logout, name="account_logout"),
    path("compte/inactif/", views.account_inactive, name="account_inactive"),
    path("compte/inscription/", refused_with_400(views.signup), name="account_signup"),
    path(
        "compte/reauthentification/",
        refused_with_400(views.reauthenticate),
        name="account_reauthenticate",
    ),
    path("compte/adresses-e-mail/", refused_with_400(views.email), name="account_email"),
    path(
        "compte/confirmer-e-mail/",
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^compte/confirmer-e-mail/(?P<key>[-:\w]+)/$",
        views.confirm_email,
        name="account_confirm_email",
    ),
    path(
        "compte/mot-de-passe/modifier/",
        refused_with_400(views.password_change),
        name="account_change_password",
    ),
    path(
        "compte/mot-de-passe/definir/",
        refused_with_400(views.password_set),
        name="account_set_password",
    ),
    path(
        "compte/mot-de-passe/oublie/",
        refused_with_400(views.password_reset),
        name="account_reset_password",
    ),
    path(
        "compte/mot-de-passe/oublie/envoye/",
        views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^compte/mot-de-passe/nouveau/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        refused_with_400(views.password_reset_from_key),
        name="account_reset_password_from_key",
    ),
    path(
        "compte/mot-de-passe/nouveau/fait/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
