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

    value = SiteSettings.load()
    value.phone = "012 345 67 89"
    value.email = "steunpunt@example.org"
    value.opening_hours = "Maandag tot en met donderdag"
    value.consulent_email = "consulent@example.org"
    value.save()
    return value


@pytest.fixture
def mailoutbox(mailoutbox, monkeypatch, request):
    """In a test wrapped in one transaction nothing ever commits: send at once.

    Tests with ``transaction=True`` keep the real after-commit behaviour
    (``tests/core/test_mail.py`` proves it).
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        monkeypatch.setattr("oudersteunpunt.mail.on_commit", lambda callback: callback())
    return mailoutbox
