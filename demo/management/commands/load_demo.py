from django.conf import settings
from django.core.management.base import BaseCommand

from demo.load import load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the Danish demo data and the demo logins."

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data: {result.networks} networks, {result.meetings} meetings."))
        self.stdout.write("")
        # SITE_URL follows the port `make demo` serves on (PORT), so these links open.
        self.stdout.write(f"  Demo admin login ({settings.SITE_URL}/admin/):")
        self.stdout.write(f"    email:    {result.admin_email}")
        self.stdout.write(f"    password: {result.admin_password}")
        self.stdout.write("  Consultant login (only the planning rights):")
        self.stdout.write(f"    email:    {result.consultant_email}")
        self.stdout.write(f"    password: {result.consultant_password}")
        self.stdout.write("  Secretariat login (participant lists and reports of every network):")
        self.stdout.write(f"    email:    {result.secretariat_email}")
        self.stdout.write(f"    password: {result.secretariat_password}")
        self.stdout.write("  Member login (My pages and the group space of 'Lokalsamfund & medborgerskab'):")
        self.stdout.write(f"    email:    {result.member_email}")
        self.stdout.write(f"    password: {result.member_password}")
        self.stdout.write(f"    log in at {settings.SITE_URL}/konto/login/")
        self.stdout.write("")
