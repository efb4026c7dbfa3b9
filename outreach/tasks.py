from celery import shared_task

from meetings.models import Meeting

from . import invitations


@shared_task(name="outreach.send_invitations", acks_late=True)
def invitations_send_task(meeting_id: int) -> int:
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    return invitations.invitations_send(meeting=meeting).invited


@shared_task(name="outreach.send_due", acks_late=True)
def send_due_task() -> dict:
    return invitations.send_due()
