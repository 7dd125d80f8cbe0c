"""Houd me op de hoogte on a phone (issue 17): the form, its error state and the pages behind the mail's links."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Subscription
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_forms_errors import assert_error_state
from tests.factories import EventTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_with_errors_then_confirm_and_unsubscribe(page, site_settings, mailoutbox):
    EventTypeFactory()
    EventTypeFactory(slug="dialoogsessie", name="Dialoogsessie")
    page.goto("/agenda/op-de-hoogte/")
    assert_accessible(page)
    screenshot(page, "events-subscribe")

    page.fill("#id_email", "geen-adres")
    page.get_by_role("button", name="Stuur me de bevestiging").click()
    assert_error_state(page, typed={"#id_email": "geen-adres"})
    summary = page.locator(".form-errors").inner_text()
    assert "Vul een geldig e-mailadres in" in summary and "Kies minstens één soort activiteit" in summary
    screenshot(page, "events-subscribe-errors")

    page.fill("#id_email", "mila@example.org")
    page.get_by_label("Dialoogsessie").check()
    page.get_by_role("button", name="Stuur me de bevestiging").click()
    expect(page.get_by_role("heading", name="Kijk in je mail")).to_be_visible()

    confirm = re.search(r"https?://[^/]+(/agenda/op-de-hoogte/bevestigen/[^/]+/)", mailoutbox[-1].body).group(1)
    page.goto(confirm)
    assert_accessible(page)
    page.get_by_role("button", name="Ja, houd me op de hoogte").click()
    expect(page.get_by_role("heading", name="Gelukt")).to_be_visible()
    assert Subscription.objects.get().is_confirmed

    page.goto(Subscription.objects.get().get_unsubscribe_url())
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld me af voor deze mails").click()
    expect(page.get_by_role("heading", name="Je bent afgemeld voor deze mails")).to_be_visible()
    assert not Subscription.objects.exists()
