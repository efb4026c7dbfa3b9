"""Storage for the members' private files (shared material, minutes).

The files go to the ``private`` storage of ``settings.STORAGES`` (see
netvaerk/storage.py): PRIVATE_MEDIA_ROOT on the file system, or the private
part of the shared S3 store. They have no URL: the only way to read one is a
download view that checks membership.
"""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from netvaerk.storage import PrivateFileSystemStorage as PrivateStorage  # noqa: F401 - the old name


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_storage = _PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    # A test (or override_settings) that changes STORAGES gets the new private storage.
    if setting == "STORAGES":
        _storage._wrapped = empty


def private_storage():
    return _storage
