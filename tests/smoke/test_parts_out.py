"""What the site does with whatever parts are installed: run by .ci/parts-out with each part taken out.

This module imports no part (the others do), so it also runs when one is
missing from INSTALLED_APPS (``OSP_WITHOUT=<part>``). It reaches the parts only
through the registry, as the core does.
"""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from oudersteunpunt import registry
from oudersteunpunt.personal_data import personal_data_erase, personal_data_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_check_passes():
    call_command("check", fail_level="ERROR")


def public_addresses(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    addresses = {"/", "/robots.txt"}
    for section in index.content.decode().split("<loc>")[1:]:
        response = client.get(urlsplit(section.split("</loc>")[0]).path)
        assert response.status_code == 200, section
        # The sitemap has its own cap on each page; a smoke test needs only a few of every section.
        locations = response.content.decode().split("<loc>")[1:6]
        addresses.update(urlsplit(loc.split("</loc>")[0]).path for loc in locations)
    return addresses


def test_every_public_page_and_the_sitemap(client, demo):
    addresses = public_addresses(client)
    addresses.update(entry["url"] for entry in client.get("/").context["part_menu"])
    assert len(addresses) > 5
    for address in sorted(addresses):
        assert client.get(address).status_code == 200, address


def test_the_menu_offers_every_registered_part(client, demo):
    html = client.get("/").content.decode()
    for entry in registry.menu_entries:
        assert str(entry.label) in html


def test_robots_txt_lists_the_parts_addresses_to_skip(client):
    text = client.get("/robots.txt").content.decode()
    for path in registry.robots_disallow:
        assert f"Disallow: /{path}" in text


def test_the_admin_start_page(client, demo):
    client.force_login(get_user_model().objects.get(is_superuser=True, email="beheerder@example.org"))
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert 'id="osp-todos"' in response.content.decode()


def test_personal_data_export_and_erase():
    names = {provider.name for provider in registry.personal_data} | {place.name for place in registry.mentions}
    assert set(personal_data_export(email="ouder@example.org")) == names
    assert set(personal_data_erase(email="ouder@example.org")) == names
