"""The error states of issue 19 are accessible too: 400, 500 and 503 pages, and a rate-limited form."""

import pytest
from django.template import loader
from playwright.sync_api import expect

from contact.models import ContactRequest
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("template", "status", "context"),
    [
        ("500.html", 500, {}),
        ("500.html", 500, {"after_post": True, "phone": "012 345 67 89"}),
        ("503.html", 503, {}),
        ("503.html", 503, {"after_post": True}),
    ],
)
def test_error_pages_are_accessible(page, template, status, context):
    # The page as the error view renders it, served at the site's own address so its stylesheet loads.
    html = loader.get_template(template).render(context)
    page.route("**/storing/", lambda route: route.fulfill(status=status, body=html, content_type="text/html"))
    page.goto("/storing/")
    assert_accessible(page)
    screenshot(page, f"error-{status}{'-post' if context else ''}")


def test_bad_address_page_is_accessible(page):
    response = page.goto("/zoeken/?q=%00")
    assert response.status == 400
    assert_accessible(page)


def test_a_rate_limited_form_keeps_the_text_and_is_accessible(page, settings):
    settings.OSP_FORM_RATE_LIMIT = "0/h"  # the first message is already one too many
    settings.OSP_FORM_MIN_SECONDS = 0
    page.goto("/contact/")
    page.fill("#id_name", "Sanne de Vries")
    page.fill("#id_email", "sanne@example.org")
    page.fill("#id_message", "Mijn dochter wil niet meer naar school.")
    page.check("#id_consent")
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert "weer versturen" in page.locator(".form-errors").inner_text()
    assert page.input_value("#id_message") == "Mijn dochter wil niet meer naar school."
    assert not ContactRequest.objects.exists()
    assert_accessible(page)
    screenshot(page, "contact-rate-limited")
