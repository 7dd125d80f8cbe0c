import re

import pytest
from playwright.sync_api import expect

from events.models import Event, Signup
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_event():
    return Event.objects.upcoming().filter(type__slug="oudercafe").with_counts().order_by("starts_at").last()


def test_agenda_pages_are_accessible(page, demo):  # noqa: F811
    event = open_event()
    for path, name in [
        ("/agenda/", "agenda"),
        (event.get_absolute_url(), "event"),
        ("/agenda/afmelden/onbekend/", "cancel-unknown"),
    ]:
        page.goto(path)
        assert_accessible(page)
        screenshot(page, f"events-{name}")


def test_form_errors_are_accessible_and_keep_input(page, demo):  # noqa: F811
    page.goto(open_event().get_absolute_url())
    page.fill("#id_name", "Sanne")
    page.fill("#id_email", "geen-adres")
    page.get_by_role("button", name="Meld me aan").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert page.input_value("#id_name") == "Sanne"
    assert "Vul een geldig e-mailadres in" in page.locator(".form-errors").inner_text()
    assert_accessible(page)
    screenshot(page, "events-form-errors")


def test_parent_signs_up_and_cancels_through_the_mail(page, demo, mailoutbox):  # noqa: F811
    event = open_event()
    page.goto(event.get_absolute_url())
    page.fill("#id_name", "Sanne de Vries")
    page.fill("#id_email", "sanne@example.org")
    page.fill("#id_remarks", "Ik kom met mijn zus.")
    page.check("#id_consent")
    page.get_by_role("button", name="Meld me aan").click()
    expect(page.get_by_role("heading", name="Je bent aangemeld")).to_be_visible()
    assert_accessible(page)
    cancel_path = re.search(r"https?://[^/]+(/agenda/afmelden/[^/]+/)", mailoutbox[-1].body).group(1)
    page.goto(cancel_path)
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld me af").click()
    expect(page.get_by_role("heading", name="Je bent afgemeld")).to_be_visible()
    assert Signup.objects.get(email="sanne@example.org").status == Signup.Status.CANCELLED


def test_waiting_list_moves_up_in_the_browser(page, demo, mailoutbox):  # noqa: F811
    full = Event.objects.upcoming().with_counts().filter(waiting_count__gt=0).first()
    first_waiting = full.signups.filter(status=Signup.Status.WAITING).order_by("created_at", "pk").first()
    confirmed = full.signups.filter(status=Signup.Status.CONFIRMED).first()
    page.goto(confirmed.get_cancel_url())
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, meld me af").click()
    first_waiting.refresh_from_db()
    assert first_waiting.status == Signup.Status.CONFIRMED
    assert any(first_waiting.email in m.to for m in mailoutbox)
