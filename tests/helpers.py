import time
from smtplib import SMTPException

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.mail.backends.base import BaseEmailBackend

from tests.factories import TOTP_SECRET


def totp_code(secret=TOTP_SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available")


def login_with_2fa(client, user, password, next_url="/beheer/"):
    """Go through allauth's login and TOTP steps as a person would."""
    response = client.post(f"/account/login/?next={next_url}", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert response.url.startswith("/account/2fa/authenticate/")
    return client.post(response.url, {"code": totp_code()})


def reapply_role_migrations():
    """A flushed database has no groups; run the role data migrations again."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    for migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.values():
        for operation in migration.operations:
            if isinstance(operation, RunPython) and getattr(operation.code, "sets_up_roles", False):
                operation.code(apps, None)


def guard_fields():
    """What the spam guard expects from a person's browser: a fresh start time each call."""
    from oudersteunpunt.spam import start_token

    return {"website": "", "started": start_token()}
