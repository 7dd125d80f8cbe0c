"""Every role against every admin model and every non-public address."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import BuddyProfileFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_CONTENT = {"oudersteunpunt.page", "oudersteunpunt.sitesettings", "faq.*", "events.*"}
# Addresses for mail about new events: only those who see other parents' addresses too.
PERSONAL = {"contact.*", "buddies.*", "events.subscription"}
SYSTEM = {"oudersteunpunt.queuedmail", "auth.user", "auth.group", "mfa.authenticator", "account.emailaddress"}
# Parents' stories: the netwerkgroep moderates them (the admin shows no address, only the texts).
MODERATED = {"stories.*"}

ALLOWED = {
    "netwerkgroep": PUBLIC_CONTENT | MODERATED,
    "consulent": PUBLIC_CONTENT | PERSONAL | MODERATED,
    "beheerder": PUBLIC_CONTENT | PERSONAL | SYSTEM | MODERATED,
}


def model_labels():
    return sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)


def allowed(role, label):
    app = label.split(".")[0]
    # A model named on its own ("events.subscription") is not covered by its part's "events.*".
    named = any(label in group for group in (PUBLIC_CONTENT, PERSONAL, SYSTEM, MODERATED))
    return label in ALLOWED[role] or (f"{app}.*" in ALLOWED[role] and not named)


def test_every_admin_model_is_in_the_matrix():
    known = PUBLIC_CONTENT | PERSONAL | SYSTEM | MODERATED
    for label in model_labels():
        assert label in known or f"{label.split('.')[0]}.*" in known, label


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_role_against_every_admin_model(client, role):
    client.force_login(StaffFactory(role=role))
    for label in model_labels():
        app, model = label.split(".")
        status = client.get(reverse(f"admin:{app}_{model}_changelist")).status_code
        assert status == (200 if allowed(role, label) else 403), (role, label, status)


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_overview_for_every_staff_role(client, role):
    client.force_login(StaffFactory(role=role))
    assert client.get("/beheer/overzicht/").status_code == 200


def test_anonymous_is_sent_to_login_everywhere_private(client):
    for url in [
        "/beheer/",
        "/beheer/contact/contactrequest/",
        "/beheer/overzicht/",
        "/buddy/mijn/",
        "/buddy/mijn/profiel/",
    ]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith("/account/login/"), url


def test_a_buddy_is_not_staff(client):
    buddy = BuddyProfileFactory()
    client.force_login(buddy.user)
    assert client.get("/buddy/mijn/").status_code == 200
    assert client.get("/beheer/", follow=True).status_code == 403
    assert client.get("/beheer/overzicht/", follow=True).status_code == 403


def test_staff_without_a_role_sees_nothing(client):
    client.force_login(StaffFactory())
    for label in model_labels():
        app, model = label.split(".")
        assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 403, label


def test_plain_user_gets_no_admin(client):
    client.force_login(UserFactory())
    assert client.get("/beheer/faq/question/", follow=True).status_code == 403
