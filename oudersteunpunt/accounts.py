from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from .spam import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: a beheerder or the consulent creates staff and buddies."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # allauth's login and TOTP limits count per address as the public forms do: through
        # TRUSTED_PROXY_COUNT proxies only, so a forged X-Forwarded-For gives no fresh count.
        return client_address(request)

    def send_mail(self, template_prefix, email, context_data):
        """Like allauth's, but stored in the outbox: a hanging mail server never holds up a login or reset."""
        from .mail import queue_message

        request = context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context_data}
        queue_message(self.render_mail(template_prefix, email, ctx))
