import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from oudersteunpunt.mail import send_queued_mail


class Command(BaseCommand):
    help = (
        "Verstuurt de uitgaande mail: draait naast de website en kijkt elke paar seconden of er iets klaarstaat. "
        "Meer dan één worker mag: elke mail wordt maar door één verstuurd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5, help="Seconden tussen twee rondes (standaard 5).")
        parser.add_argument("--once", action="store_true", help="Eén ronde en dan stoppen.")

    def handle(self, *args, interval, once, **options):
        try:
            while True:
                # A long-running process: drop connections the database closed meanwhile.
                close_old_connections()
                sent, failed = send_queued_mail()
                if sent or failed:
                    self.stdout.write(f"{sent} verstuurd, {failed} nog niet gelukt.", ending="\n")
                    self.stdout.flush()
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:  # Ctrl-C in `make run` stops it quietly
            return
