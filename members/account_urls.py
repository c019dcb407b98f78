"""allauth's account views under French addresses (/compte/…), with allauth's URL names."""

from allauth.account import views
from django.urls import path, re_path

urlpatterns = [
    path("compte/connexion/", views.login, name="account_login"),
    path("compte/connexion/code/", views.request_login_code, name="account_request_login_code"),
    path(
        "compte/connexion/code/saisir/",
        views.confirm_login_code,
        name="account_confirm_login_code",
    ),
    path("compte/deconnexion/", views.logout, name="account_logout"),
    path("compte/inactif/", views.account_inactive, name="account_inactive"),
    path("compte/inscription/", views.signup, name="account_signup"),
    path("compte/reauthentification/", views.reauthenticate, name="account_reauthenticate"),
    path("compte/adresses-e-mail/", views.email, name="account_email"),
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
        views.password_change,
        name="account_change_password",
    ),
    path("compte/mot-de-passe/definir/", views.password_set, name="account_set_password"),
    path("compte/mot-de-passe/oublie/", views.password_reset, name="account_reset_password"),
    path(
        "compte/mot-de-passe/oublie/envoye/",
        views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^compte/mot-de-passe/nouveau/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "compte/mot-de-passe/nouveau/fait/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
