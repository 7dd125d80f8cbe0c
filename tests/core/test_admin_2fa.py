from urllib.parse import unquote

import pytest

from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.helpers import login_with_2fa, totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_admin_goes_to_allauth_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/login/?next=")
    assert response.status_code == 200


def test_staff_with_code_opens_the_admin(client):
    user = StaffFactory(role="netwerkgroep")
    response = login_with_2fa(client, user, PASSWORD)
    assert response.status_code == 302
    admin = client.get("/beheer/")
    assert admin.status_code == 200
    assert "Beheer Oudersteunpunt" in admin.content.decode()


def test_staff_without_code_does_not_get_in(client):
    user = StaffFactory(role="netwerkgroep")
    response = client.post("/account/login/?next=/beheer/", {"login": user.email, "password": PASSWORD})
    assert response.url.startswith("/account/2fa/authenticate/")
    wrong = client.post(response.url, {"code": "000000" if totp_code() != "000000" else "111111"})
    assert wrong.status_code == 200
    assert client.get("/beheer/").status_code == 302


def test_staff_without_2fa_is_sent_to_set_it_up(client):
    user = StaffFactory(role="consulent", two_factor=False)
    client.force_login(user)
    response = client.get("/beheer/", follow=True)
    # allauth asks for the password again before 2FA can be set up.
    assert unquote(response.redirect_chain[-1][0]).endswith("/account/2fa/totp/activate/")
    assert response.status_code == 200


def test_logged_in_non_staff_gets_403(client):
    client.force_login(UserFactory())
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403


def test_nobody_can_sign_up(client):
    response = client.post(
        "/account/signup/", {"email": "nieuw@example.org", "password1": "x" * 12, "password2": "x" * 12}
    )
    assert response.status_code == 200
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="nieuw@example.org").exists()
