from celery import shared_task

from . import privacy


@shared_task(name="registration.apply_retention")
def apply_retention() -> dict:
    result = privacy.registrations_apply_retention()
    return {"sensitive_deleted": result.sensitive_deleted, "anonymised": result.anonymised}
