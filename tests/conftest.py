import pytest
from django.core.cache import cache


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
