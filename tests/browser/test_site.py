import pytest

from tests.browser import conftest
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Other modules import the fixture from here (`from tests.browser.test_site import demo`).
demo = conftest.demo


PUBLIC_PAGES = [
    "/",
    "/over-ons/",
    "/visie/",
    "/disclaimer/",
    "/privacy/",
    "/toegankelijkheid/",
    "/account/login/",
    "/niet-hier/",
    # Issue 14, content: the doe-mee page, the event type pages, an answer with its sources.
    "/doe-mee/",
    "/agenda/soort/oudercafe/",
    "/agenda/soort/dialoogsessie/",
    "/vragen/thuiszitten/mijn-kind-zit-thuis-wat-moet-ik-als-eerste-doen/",
]


@pytest.mark.parametrize("language", ["", "/en"])
def test_public_pages_are_accessible(page, demo, language):
    for path in PUBLIC_PAGES:
        page.goto(language + path)
        assert_accessible(page)
        screenshot(page, f"core{language.replace('/', '-')}{path.strip('/').replace('/', '-') or '-home'}")


def test_no_request_leaves_the_site(page, demo, live_server):
    outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) or r.url.startswith("data:") else outside.append(r.url),
    )
    for path in PUBLIC_PAGES:
        page.goto(path)
    assert outside == []


def test_keyboard_skip_link(page, demo):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")


def test_admin_with_editor_under_csp(page, demo):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    from tests.helpers import totp_code

    page.goto("/beheer/")
    page.fill("input[name=login]", "netwerkgroep@example.org")
    page.fill("input[name=password]", "oudersteunpunt-demo")
    page.locator("main form button[type=submit]").first.click()
    page.fill("input[name=code]", totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/beheer/")
    page.goto("/beheer/oudersteunpunt/page/")
    page.get_by_role("link", name="Privacy").click()
    page.wait_for_selector(".ProseMirror[contenteditable=true]")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Aangepast door de netwerkgroep.")
    screenshot(page, "admin-page-editor")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.goto("/privacy/")
    assert "Aangepast door de netwerkgroep." in page.locator("main").inner_text()
    assert not [e for e in errors if "Content Security Policy" in e], "\n".join(errors)


def test_staff_without_2fa_sets_it_up_before_the_admin_opens(page, demo):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import PASSWORD, StaffFactory

    StaffFactory(username="nieuw", email="nieuw@example.org", role="netwerkgroep", two_factor=False)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/beheer/")
    page.fill("input[name=login]", "nieuw@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    # allauth asks for the password once more before 2FA can be added: a deliberate safety step.
    page.wait_for_url("**/account/reauthenticate/**")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/account/2fa/totp/activate/**")
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()  # the QR code, under the CSP
    assert_accessible(page)
    screenshot(page, "account-2fa-activate")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.locator("main form button[type=submit]").first.click()
    page.goto("/beheer/")
    assert page.get_by_role("heading", name="Wat wil je doen?").is_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
