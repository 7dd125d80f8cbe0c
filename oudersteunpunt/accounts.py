from allauth.account.adapter import DefaultAccountAdapter

from .spam import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: a beheerder or the consulent creates staff and buddies."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # allauth's login and TOTP limits count per address as the public forms do: through
        # TRUSTED_PROXY_COUNT proxies only, so a forged X-Forwarded-For gives no fresh count.
        return client_address(request)
