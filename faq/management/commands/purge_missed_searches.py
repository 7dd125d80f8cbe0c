from django.conf import settings
from django.core.management.base import BaseCommand

from faq.services import missed_searches_purge


class Command(BaseCommand):
    help = "Wist zoekopdrachten zonder resultaat die langer dan het ingestelde aantal maanden niet meer gezocht zijn."

    def handle(self, *args, **options):
        count = missed_searches_purge()
        self.stdout.write(
            f"{count} zoekopdrachten gewist (niet gezocht in {settings.MISSED_SEARCH_RETENTION_MONTHS} maanden)."
        )
