import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(tmp_path):
    with open(tmp_path / "demo.log", "w") as log:
        call_command("load_demo", stdout=log)


PUBLIC_PAGES = ["/", "/over-ons/", "/disclaimer/", "/privacy/", "/toegankelijkheid/", "/account/login/", "/niet-hier/"]


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
