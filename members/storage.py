"""Storage for the members' private files (shared material, minutes).

The files live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and have no
URL: the only way to read one is a download view that checks membership.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting on every use, so tests (and a changed setting) point it elsewhere.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


_storage = PrivateStorage()


def private_storage():
    return _storage
