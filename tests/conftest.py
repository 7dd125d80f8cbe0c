import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The spam guard's minimum fill-in time has its own tests.
    settings.OSP_FORM_MIN_SECONDS = 0
    cache.clear()
    # A request to /en/ leaves English active in this thread; every test starts in Dutch.
    translation.activate("nl")
    yield
    cache.clear()


@pytest.fixture
def site_settings(db):
    from oudersteunpunt.models import SiteSettings

    value = SiteSettings.row()
    value.phone = "012 345 67 89"
    value.email = "steunpunt@example.org"
    value.opening_hours = "Maandag tot en met donderdag"
    value.consulent_email = "consulent@example.org"
    value.save()
    return value


@pytest.fixture
def mailoutbox(mailoutbox, request):
    """Stand in for the mail worker (``send_mail_worker``): send each queued mail once it commits.

    In a test wrapped in one transaction nothing ever commits: send at once.
    Tests with ``transaction=True`` send after the real commit, so a rolled-back
    mail is never sent (``tests/core/test_mail.py`` proves the worker itself).
    """
    from django.db.models.signals import post_save
    from django.db.transaction import on_commit

    from oudersteunpunt.mail import deliver
    from oudersteunpunt.models import QueuedMail

    marker = request.node.get_closest_marker("django_db")
    at_once = not (marker and marker.kwargs.get("transaction"))

    def worker(sender, instance, created, **kwargs):
        if created and at_once:
            deliver(instance.pk)
        elif created:
            on_commit(lambda: deliver(instance.pk))

    post_save.connect(worker, sender=QueuedMail, weak=False, dispatch_uid="tests-mail-worker")
    yield mailoutbox
    post_save.disconnect(sender=QueuedMail, dispatch_uid="tests-mail-worker")
