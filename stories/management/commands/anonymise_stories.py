from django.conf import settings
from django.core.management.base import BaseCommand

from stories.services import anonymise_stories


class Command(BaseCommand):
    help = "Wist naam en e-mailadres van ouders bij verhalen, het ingestelde aantal dagen na publicatie of intrekken."

    def handle(self, *args, **options):
        count = anonymise_stories()
        self.stdout.write(
            f"{count} verhalen zonder naam en e-mailadres verder "
            f"(gepubliceerd, ingetrokken of afgewezen langer dan {settings.STORY_EMAIL_RETENTION_DAYS} dagen geleden)."
        )
