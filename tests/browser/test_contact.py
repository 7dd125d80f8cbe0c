import pytest
from playwright.sync_api import expect

from contact.models import ContactNote, ContactRequest
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_site import demo  # noqa: F401 - fixture
from tests.helpers import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_staff(page, email):
    page.goto("/beheer/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "oudersteunpunt-demo")
    page.locator("main form button[type=submit]").first.click()
    page.fill("input[name=code]", totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/beheer/")


def test_contact_form_errors_are_accessible(page, demo):  # noqa: F811
    page.goto("/contact/")
    assert_accessible(page)
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "contact-errors")


def test_parent_contacts_and_consulent_handles_it(page, demo):  # noqa: F811
    page.goto("/contact/")
    page.fill("#id_name", "Sanne de Vries")
    page.fill("#id_email", "sanne@example.org")
    page.fill("#id_message", "Mijn dochter wil niet meer naar school. Wat kan ik doen?")
    page.check("#id_consent")
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur mijn vraag").click()
    reference = page.locator(".reference").inner_text()
    assert reference.startswith("OSP-")
    assert_accessible(page)
    screenshot(page, "contact-thanks")

    login_staff(page, "consulent@example.org")
    page.goto("/beheer/contact/contactrequest/?open=ja")
    page.get_by_role("link", name=reference).click()
    page.select_option("#id_status", "in_progress")
    page.fill("#id_notes-0-text", "Gebeld, afspraak staat.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    request = ContactRequest.objects.get(reference=reference)
    assert request.status == "in_progress"
    assert ContactNote.objects.get(request=request).author.email == "consulent@example.org"
    page.goto("/beheer/overzicht/")
    assert page.locator("svg.overview-chart").count() >= 2
    screenshot(page, "admin-overview")
