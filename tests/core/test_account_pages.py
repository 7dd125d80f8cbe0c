"""The login pages speak to buddies and staff in the site's own voice: 'je', no dead ends."""

import re

import pytest
from django.template import Context, Template
from django.template.base import Origin
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORMAL = re.compile(r"\b(u|uw|U|Uw|a\.u\.b\.)\b")


def main_text(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_login_offers_no_sign_up_but_points_to_contact(client):
    main = main_text(client.get(reverse("account_login")))
    assert reverse("account_signup") not in main
    assert "registreer" not in main.lower()
    assert f'href="{reverse("contact:form")}"' in main
    assert "geen account nodig" in main


@pytest.mark.parametrize(
    "name",
    ["account_login", "account_reset_password", "account_reset_password_done", "account_email_verification_sent"],
)
def test_account_pages_say_je_not_u(client, name):
    main = main_text(client.get(reverse(name)))
    assert not FORMAL.search(re.sub(r"<[^>]+>", " ", main)), main


def test_a_cancel_button_does_not_look_like_the_main_one():
    template = Template(
        '{% load allauth %}{% element button type="submit" tags="outline,mfa,cancel" %}Annuleren{% endelement %}'
        '{% element button type="submit" tags="prominent,login" %}Inloggen{% endelement %}',
        origin=Origin("test", template_name="test.html"),
    )
    html = template.render(Context({}))
    assert '<button type="submit" class="button-secondary">Annuleren</button>' in html
    assert '<button type="submit">Inloggen</button>' in html
