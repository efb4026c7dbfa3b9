from django.core.management.base import BaseCommand

from registration.privacy import registrations_apply_retention


class Command(BaseCommand):
    help = "Delete dietary/accessibility details and anonymise old registrations (runs daily from Celery beat)."

    def handle(self, *args, **options):
        result = registrations_apply_retention()
        elsewhere = "".join(f"; {name}: {count}" for name, count in result.elsewhere.items())
        self.stdout.write(
            f"sensitive details deleted: {result.sensitive_deleted}; anonymised: {result.anonymised}{elsewhere}"
        )
