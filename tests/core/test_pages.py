import pytest
from django.urls import reverse

from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_published_page_is_shown_with_footer_contact(client, site_settings):
    PageFactory(slug="privacy", title="Privacy", body="<p>We bewaren weinig.</p>")
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "We bewaren weinig." in response.content.decode()
    assert "012 345 67 89" in response.content.decode()
    assert 'href="tel:0123456789"' in response.content.decode()


def test_unpublished_page_is_not_found_in_dutch(client):
    PageFactory(slug="disclaimer", published=False)
    response = client.get("/disclaimer/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_unknown_address_gives_dutch_404(client):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    assert 'lang="nl"' in response.content.decode()


@pytest.mark.parametrize("slug", ["over-ons", "disclaimer", "privacy", "toegankelijkheid"])
def test_each_fixed_page_has_its_address(client, slug):
    PageFactory(slug=slug, title=f"Titel {slug}")
    assert client.get(reverse("page", args=[slug])).status_code == 200


def test_home_page(client, site_settings):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Je staat er niet alleen voor" in content
    assert 'href="#inhoud"' in content


def test_english_under_prefix(client):
    PageFactory(slug="over-ons")
    response = client.get("/en/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert client.get("/en/over-ons/").status_code == 200


def test_language_switch_links_to_the_same_page(client):
    PageFactory(slug="over-ons")
    assert 'href="/en/over-ons/" hreflang="en"' in client.get("/over-ons/").content.decode()
    assert 'href="/over-ons/" hreflang="nl"' in client.get("/en/over-ons/").content.decode()


def test_public_pages_set_no_cookies(client):
    PageFactory(slug="over-ons")
    for url in ["/", "/over-ons/", "/en/"]:
        assert not client.get(url).cookies, url


def test_rich_text_is_sanitised_on_save():
    page = PageFactory(
        slug="privacy",
        body='<p onclick="steal()">Hallo<script>alert(1)</script></p><a href="javascript:x()">link</a>',
    )
    page.refresh_from_db()
    assert "script" not in page.body
    assert "onclick" not in page.body
    assert "javascript:" not in page.body
    assert "Hallo" in page.body


def test_sitemap_robots_and_health(client):
    PageFactory(slug="over-ons")
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/sitemap-pages.xml" in sitemap.content
    assert b"/over-ons/" in client.get("/sitemap-pages.xml").content
    robots = client.get("/robots.txt")
    assert b"Disallow: /beheer/" in robots.content
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content
    health = client.get("/health/")
    assert health.json() == {"status": "ok"}


def test_security_headers_on_a_public_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_no_third_party_origin_in_html(client, site_settings):
    content = client.get("/").content.decode()
    for marker in ("https://", "//fonts.", "cdn"):
        assert f'src="{marker}' not in content
        assert f'href="{marker}' not in content


def test_english_pages_are_translated(client):
    content = client.get("/en/").content.decode()
    assert "You are not on your own" in content
    assert "Skip to content" in content


def test_staff_preview_an_unpublished_page(client):
    from tests.factories import StaffFactory

    PageFactory(slug="visie", published=False, title="Onze visie")
    assert client.get("/visie/").status_code == 404
    client.force_login(StaffFactory(role="netwerkgroep"))
    assert "nog niet gepubliceerd" in client.get("/visie/").content.decode()


@pytest.mark.parametrize("url", ["/buddy/", "/contact/", "/over-ons/"])
def test_other_public_pages_need_few_queries(client, django_assert_max_num_queries, url, site_settings):
    from buddies.models import Municipality
    from tests.factories import BuddyProfileFactory

    PageFactory(slug="over-ons")
    Municipality.objects.create(name="Alkmaar")
    for _ in range(20):
        BuddyProfileFactory(show_on_site=True, introduction="Ik luister graag.")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
