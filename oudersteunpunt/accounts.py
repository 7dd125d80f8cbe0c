from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: a beheerder or the consulent creates staff and buddies."""

    def is_open_for_signup(self, request):
        return False
