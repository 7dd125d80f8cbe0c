import re

import pytest
from playwright.sync_api import expect

from buddies.models import BuddyRequest, Match
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_contact import login_staff
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_buddy(page):
    page.goto("/buddy/mijn/")
    page.fill("input[name=login]", "buddy@example.org")
    page.fill("input[name=password]", "oudersteunpunt-demo")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/buddy/mijn/")


def test_buddy_pages_are_accessible(page, demo):  # noqa: F811
    page.goto("/buddy/")
    assert_accessible(page)
    screenshot(page, "buddy-index")
    page.get_by_role("button", name="Vraag een buddy aan").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "buddy-errors")
    login_buddy(page)
    assert_accessible(page)
    screenshot(page, "buddy-portal")
    page.goto("/buddy/mijn/profiel/")
    assert_accessible(page)


def test_parent_asks_consulent_proposes_buddy_accepts(page, demo, mailoutbox):  # noqa: F811
    page.goto("/buddy/")
    page.fill("#id_name", "Noor Visser")
    page.fill("#id_email", "noor@example.org")
    page.select_option("#id_municipality", label="Heiloo")
    page.fill("#id_child_age", "12")
    page.get_by_label("autisme").check()
    page.fill("#id_hopes", "Ik zoek iemand die weet hoe het is als je kind thuis zit.")
    page.check("#id_consent")
    page.get_by_role("button", name="Vraag een buddy aan").click()
    page.get_by_role("heading", name="Je aanvraag is verstuurd").wait_for()
    assert_accessible(page)

    login_staff(page, "consulent@example.org")
    request = BuddyRequest.objects.get(email="noor@example.org")
    page.goto(f"/beheer/buddies/buddyrequest/{request.pk}/change/")
    row = page.locator("#suggestions tr", has_text="Bram")
    assert "zelfde gemeente (Heiloo)" in row.inner_text()
    screenshot(page, "admin-buddy-suggestions")
    with page.expect_navigation():
        row.get_by_role("button", name="Stel voor").click()
    assert Match.objects.get(request=request).state == "proposed"
    page.goto("/account/logout/")
    page.locator("main form button[type=submit]").first.click()

    login_buddy(page)
    proposal = page.locator("article", has_text="Wil je Noor steunen?")
    assert "Ik zoek iemand" in proposal.inner_text()
    assert "noor@example.org" not in proposal.inner_text()
    with page.expect_navigation():
        proposal.get_by_role("button", name="Ja, ik wil deze ouder steunen").click()
    assert Match.objects.get(request=request).state == "accepted"
    assert "noor@example.org" in page.locator("main").inner_text()
    intros = [m for m in mailoutbox if re.search("Kennismaken|Je buddy is", m.subject)]
    assert sorted(m.to[0] for m in intros) == ["buddy@example.org", "noor@example.org"]
