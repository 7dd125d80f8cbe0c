from django.core.management.base import BaseCommand

from events.models import SUBSCRIPTION_CONFIRM_DAYS
from events.services import subscription_purge


class Command(BaseCommand):
    help = "Wist e-mailadressen voor mail bij nieuwe activiteiten die niet op tijd zijn bevestigd."

    def handle(self, *args, **options):
        count = subscription_purge()
        self.stdout.write(f"{count} niet bevestigde adressen gewist (ouder dan {SUBSCRIPTION_CONFIRM_DAYS} dagen).")
