from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


def has_two_factor(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminSite(admin.AdminSite):
    """The one admin, behind allauth's login and two-factor authentication."""

    site_header = _("Beheer Oudersteunpunt")
    site_title = _("Beheer Oudersteunpunt")
    index_title = _("Wat wil je doen?")
    site_url = "/"

    def has_permission(self, request):
        return super().has_permission(request) and self._two_factor_done(request)

    @staticmethod
    def _two_factor_done(request):
        cached = getattr(request, "_osp_has_two_factor", None)
        if cached is None:
            cached = request._osp_has_two_factor = has_two_factor(request.user)
        return cached

    def login(self, request, extra_context=None):
        """Everybody signs in through allauth; staff without 2FA set it up first."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or resolve_url("admin:index")
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{resolve_url('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not self._two_factor_done(request):
            return redirect("mfa_activate_totp")
        return redirect(next_url)

    def get_urls(self):
        from django.urls import path

        from .overview import overview_view
        from .plainlanguage import advice_view

        return [
            path("overzicht/", self.admin_view(lambda request: overview_view(request, self)), name="overview"),
            path("taalhulp/", self.admin_view(advice_view), name="taalhulp"),
            *super().get_urls(),
        ]

    def logout(self, request, extra_context=None):
        return redirect("account_logout")
