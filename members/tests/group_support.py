"""Helpers of the group-space tests: a PDF upload and sharing a file through the material page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.tests.conftest import PDF


def pdf_upload(name="dagsorden.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def share_file(client, network, **extra):
    data = {"title": "Dagsorden", "description": "", "meeting": "", "url": "", "file": pdf_upload(), **extra}
    return client.post(reverse("members:material", args=[network.slug]), data)
