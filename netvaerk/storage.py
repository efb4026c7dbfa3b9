"""Where uploaded files live: the file system (the demo) or a shared S3-compatible store.

Two storages, both named in ``settings.STORAGES``:

- ``default``: public files (blog images). Anyone may read them by URL.
- ``private``: the members' shared material and minutes files. They have no
  URL at all: the only way to read one is a permission-checked download view,
  which streams the file from the storage to the member.

With ``S3_BUCKET`` set (see ``storages_from_env``) both go to an S3-compatible
store that every web machine and worker shares: the public ones under
``public/`` with a public-read ACL, the private ones under ``private/`` (or in
``S3_PRIVATE_BUCKET``) with the private ACL.
"""

from __future__ import annotations

import functools
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage

NO_URL = "Private files have no public URL; serve them through a permission-checked view."


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, never served by URL."""

    # Read the setting on every use, so tests (and a changed setting) point it elsewhere.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(NO_URL)


@functools.cache
def _s3_classes():
    # django-storages and boto3 are imported only when S3 is configured.
    from botocore.exceptions import ClientError
    from storages.backends.s3 import S3Storage

    class PublicS3Storage(S3Storage):
        """Public files: plain (unsigned) URLs on the store or on S3_PUBLIC_DOMAIN."""

        querystring_auth = False

    class PrivateS3Storage(S3Storage):
        """Private files: the private ACL, no URL; read through the storage by the download views."""

        default_acl = "private"
        querystring_auth = True
        querystring_expire = 60

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise ValueError(NO_URL)

        def _open(self, name, mode="rb"):
            try:
                return super()._open(name, mode)
            except ClientError as error:
                # A missing object is a missing file, as on the file system (the views answer 404).
                if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                    raise FileNotFoundError(name) from None
                raise

    for cls in (PublicS3Storage, PrivateS3Storage):
        cls.__qualname__ = cls.__name__
        cls.__module__ = __name__
    return PublicS3Storage, PrivateS3Storage


def __getattr__(name):
    # PublicS3Storage and PrivateS3Storage, the BACKENDs of STORAGES with S3_BUCKET set.
    if name in ("PublicS3Storage", "PrivateS3Storage"):
        public, private = _s3_classes()
        return public if name == "PublicS3Storage" else private
    raise AttributeError(name)


def _overlap(first: str, second: str) -> bool:
    """Whether one folder of a bucket lies inside the other (the bucket's root holds every folder)."""
    a, b = first.strip("/") + "/", second.strip("/") + "/"
    return a == "/" or b == "/" or a.startswith(b) or b.startswith(a)


def storages_from_env(env, *, static_backend: str) -> tuple[dict, str | None]:
    """The STORAGES setting and the origin public files are served from (None: this site).

    Without S3_BUCKET: the file system (MEDIA_ROOT and PRIVATE_MEDIA_ROOT).
    """
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "netvaerk.storage.PrivateFileSystemStorage"},
        "staticfiles": {"BACKEND": static_backend},
    }
    bucket = env("S3_BUCKET", default="")
    if not bucket:
        return storages, None
    endpoint = env("S3_ENDPOINT_URL", default="") or None
    common = {
        "endpoint_url": endpoint,
        "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
        "region_name": env("S3_REGION", default="") or None,
        "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
        "signature_version": "s3v4",
        "file_overwrite": False,
        # Larger files spill to a temporary file instead of memory while streamed.
        "max_memory_size": 2 * 1024 * 1024,
    }
    public_prefix = env("S3_PUBLIC_PREFIX", default="public")
    private_bucket = env("S3_PRIVATE_BUCKET", default="") or bucket
    private_prefix = env("S3_PRIVATE_PREFIX", default="private")
    if private_bucket == bucket and _overlap(public_prefix, private_prefix):
        # A bucket policy (or a CDN) that makes the public part readable would then publish the private files.
        raise ImproperlyConfigured(
            f"S3_PUBLIC_PREFIX ({public_prefix!r}) and S3_PRIVATE_PREFIX ({private_prefix!r}) overlap in one bucket: "
            "give each its own folder, or the private files their own bucket (S3_PRIVATE_BUCKET)."
        )
    public_domain = env("S3_PUBLIC_DOMAIN", default="") or None
    public_acl = env("S3_PUBLIC_ACL", default="public-read") or None
    storages["default"] = {
        "BACKEND": "netvaerk.storage.PublicS3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": bucket,
            "location": public_prefix,
            "default_acl": public_acl,
            "custom_domain": public_domain,
        },
    }
    storages["private"] = {
        "BACKEND": "netvaerk.storage.PrivateS3Storage",
        "OPTIONS": {
            **common,
            "bucket_name": private_bucket,
            "location": private_prefix,
            "default_acl": "private",
        },
    }
    if public_domain:
        origin = f"https://{public_domain}"
    elif endpoint:
        parts = urlsplit(endpoint)
        origin = f"{parts.scheme}://{parts.netloc}"
    else:
        region = common["region_name"] or "us-east-1"
        origin = f"https://s3.{region}.amazonaws.com"
    return storages, origin
