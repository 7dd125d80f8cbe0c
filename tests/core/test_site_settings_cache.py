"""The site settings are kept in the cache under a key that names their fields."""

import pickle

import pytest
from django.core.cache import cache

from oudersteunpunt.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_a_copy_from_before_a_new_field_is_never_read():
    settings = SiteSettings.load()
    old = pickle.loads(pickle.dumps(settings))
    del old.__dict__["share_image"]  # as pickled by code from before the field existed
    cache.set(SiteSettings.CACHE_KEY, old, 3600)  # where that code kept it
    SiteSettings.objects.all().delete()  # a new database beside the old cache (the benchmark's case)
    loaded = SiteSettings.load()
    assert loaded.pk == 1 and not loaded.share_image
    assert SiteSettings.cache_key() != SiteSettings.CACHE_KEY and "share_image" in loaded.__dict__


def test_saving_renews_the_kept_copy():
    settings = SiteSettings.load()
    settings.name = "Oudersteunpunt Test"
    settings.save()
    assert SiteSettings.load().name == "Oudersteunpunt Test"
