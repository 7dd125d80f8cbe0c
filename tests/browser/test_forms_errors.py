"""Every public form speaks up on a phone (issue 14): after a submit with errors the title starts
with "Fout:", focus is on the error summary, every aria-describedby id exists once, what was
typed is kept, and axe (WCAG 2.2 AA and best practices) finds nothing."""

import pytest

from buddies.models import Match
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_buddies import login_buddy
from tests.browser.test_events import open_event
from tests.browser.test_site import demo  # noqa: F401 - fixture
from tests.factories import BuddyProfileFactory, BuddyRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESCRIBED_BY = """() => [...document.querySelectorAll('[aria-describedby]')]
  .flatMap(el => el.getAttribute('aria-describedby').split(/\\s+/)).filter(Boolean)"""
SUMMARY_LINKS = "() => [...document.querySelectorAll('.form-errors a')].map(a => a.getAttribute('href'))"


def assert_error_state(page, prefix="Fout:", typed=None):
    # The click starts a navigation; wait for the page it brings before reading its title.
    page.wait_for_selector("#form-errors")
    assert page.title().startswith(prefix + " "), page.title()
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "form-errors"
    assert page.locator("#form-errors").is_visible()
    for ref in set(page.evaluate(DESCRIBED_BY)):
        assert page.locator(f'[id="{ref}"]').count() == 1, ref
    links = page.evaluate(SUMMARY_LINKS)
    for href in links:
        target = page.locator(f'[id="{href[1:]}"]')
        assert target.count() == 1, href
        assert target.evaluate("el => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)"), href
    for selector, value in (typed or {}).items():
        assert page.input_value(selector) == value, selector
    assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "prefix", "button"), [("", "Fout:", "Verstuur mijn vraag"), ("/en", "Error:", None)]
)
def test_contact_form(page, demo, language, prefix, button):  # noqa: F811
    page.goto(language + "/contact/")
    assert_accessible(page)
    assert (
        page.locator("form.form textarea, form.form input:not([type=hidden]), form.form select").first.get_attribute(
            "name"
        )
        == "message"
    )
    page.fill("#id_name", "Sanne")
    page.fill("#id_email", "geen-adres")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, prefix, {"#id_name": "Sanne", "#id_email": "geen-adres"})
    # A link in the summary takes the parent to the field.
    page.locator(".form-errors a[href='#id_message']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_message"
    screenshot(page, f"forms-contact-errors{language.replace('/', '-')}")


def test_phone_times_only_when_phone_is_chosen(page, demo):  # noqa: F811
    page.goto("/contact/")
    assert not page.locator("#id_good_times").is_visible()
    assert not page.locator("#id_may_leave_message").is_visible()
    page.check(
        "#id_contact_method_0"
        if page.get_attribute("#id_contact_method_0", "value") == "phone"
        else "#id_contact_method_1"
    )
    assert page.locator("#id_good_times").is_visible()
    page.fill("#id_good_times", "na 15 uur")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, typed={"#id_good_times": "na 15 uur"})
    assert page.locator("#id_good_times").is_visible()


def test_phone_times_hidden_without_javascript(browser, live_server, demo):  # noqa: F811
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nl-NL", viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    page.goto("/contact/")
    assert not page.locator("#id_good_times").is_visible()
    page.locator("input[name=contact_method][value=phone]").check()
    assert page.locator("#id_good_times").is_visible()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_selector("#form-errors")
    assert page.title().startswith("Fout: ")
    assert page.evaluate("() => document.activeElement.id") == "form-errors"
    context.close()


@pytest.mark.parametrize(("language", "prefix"), [("", "Fout:"), ("/en", "Error:")])
def test_buddy_request_form(page, demo, language, prefix):  # noqa: F811
    page.goto(language + "/buddy/")
    page.fill("#id_name", "Linda")
    page.fill("#id_child_age", "99")
    page.locator("form.form button[type=submit]").last.click()
    assert_error_state(page, prefix, {"#id_name": "Linda", "#id_child_age": "99"})
    screenshot(page, f"forms-buddy-errors{language.replace('/', '-')}")


@pytest.mark.parametrize(("language", "prefix"), [("", "Fout:"), ("/en", "Error:")])
def test_event_signup_form(page, demo, language, prefix):  # noqa: F811
    page.goto(language + open_event().get_absolute_url())
    page.fill("#id_name", "Sanne")
    page.fill("#id_email", "geen-adres")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, prefix, {"#id_name": "Sanne", "#id_email": "geen-adres"})


def test_buddy_evaluation_form(page, demo):  # noqa: F811
    match = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state=Match.State.ENDED)
    page.goto(f"/buddy/evaluatie/{match.evaluation_token}/")
    page.fill("#id_remarks", "Fijn contact")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, typed={"#id_remarks": "Fijn contact"})


def test_buddy_profile_form(page, demo):  # noqa: F811
    login_buddy(page)
    page.goto("/buddy/mijn/profiel/")
    page.fill("#id_capacity", "0")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, typed={"#id_capacity": "0"})


@pytest.mark.parametrize("language", ["", "/en"])
def test_account_forms(page, demo, language):  # noqa: F811
    page.goto(language + "/account/login/")
    page.fill("input[name=login]", "buddy@example.org")
    page.fill("input[name=password]", "niet-goed")
    page.locator("main form button[type=submit]").first.click()
    assert_error_state(page, "Error:" if language else "Fout:", {"input[name=login]": "buddy@example.org"})
    page.goto(language + "/account/password/reset/")
    page.fill("input[name=email]", "naam@voorbeeld")
    page.locator("main form button[type=submit]").first.click()
    assert_error_state(page, "Error:" if language else "Fout:", {"input[name=email]": "naam@voorbeeld"})


@pytest.mark.parametrize(("language", "prefix"), [("", "Fout:"), ("/en", "Error:")])
def test_join_form(page, demo, language, prefix):  # noqa: F811
    page.goto(language + "/doe-mee/")
    assert_accessible(page)
    page.fill("#id_name", "Sam")
    page.fill("#id_email", "geen-adres")
    page.locator("form.form button[type=submit]").click()
    assert_error_state(page, prefix, {"#id_name": "Sam", "#id_email": "geen-adres"})
    screenshot(page, f"forms-join-errors{language.replace('/', '-')}")
