from django.conf import settings
from django.core.management.base import BaseCommand

from faq.models import MissedSearch


class Command(BaseCommand):
    help = "Wist zoekopdrachten zonder resultaat die langer dan het ingestelde aantal maanden niet meer gezocht zijn."

    def handle(self, *args, **options):
        count = MissedSearch.objects.past_retention().delete()[0]
        self.stdout.write(
            f"{count} zoekopdrachten gewist (niet gezocht in {settings.MISSED_SEARCH_RETENTION_MONTHS} maanden)."
        )
