import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from oudersteunpunt.mail import send_queued_mail

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = (
        "Verstuurt de uitgaande mail: draait naast de website en kijkt elke paar seconden of er iets klaarstaat. "
        "Meer dan één worker mag: elke mail wordt maar door één verstuurd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5, help="Seconden tussen twee rondes (standaard 5).")
        parser.add_argument("--once", action="store_true", help="Eén ronde en dan stoppen.")

    def handle(self, *args, interval, once, **options):
        # Stopped (SIGTERM from systemd or `make run`, or Ctrl-C) between two mails, never
        # halfway one: a mail that went out but was not marked sent would go out twice.
        stopping = threading.Event()
        previous = {signum: signal.signal(signum, lambda *_args: stopping.set()) for signum in STOP_SIGNALS}
        try:
            self.work(stopping, interval, once)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def work(self, stopping, interval, once):
        while not stopping.is_set():
            # A long-running process: drop connections the database closed meanwhile.
            close_old_connections()
            sent, failed = send_queued_mail(stop=stopping.is_set)
            if sent or failed:
                self.stdout.write(f"{sent} verstuurd, {failed} nog niet gelukt.")
                self.stdout.flush()
            if once:
                return
            stopping.wait(interval)
