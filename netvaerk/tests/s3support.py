"""A local S3-compatible store for the tests: moto in server mode, on a free port of this machine.

The portal talks to it over HTTP exactly as to a real store (django-storages and
boto3), so uploads, ACLs and anonymous reads are checked for real. Import the
fixtures into a test module: ``from netvaerk.tests.s3support import s3, s3_server  # noqa: F401``.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import pytest

REGION = "eu-north-1"
ACCESS_KEY = "netvaerk-test"
SECRET_KEY = "netvaerk-test-secret"


class S3Server:
    def __init__(self):
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def __enter__(self) -> S3Server:
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        return self

    def __exit__(self, *exc_info):
        self._server.stop()

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def new_bucket(self) -> S3Bucket:
        name = f"netvaerk-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
        return S3Bucket(server=self, name=name)


@dataclass
class S3Bucket:
    server: S3Server
    name: str

    def env(self) -> dict[str, str]:
        """The environment variables that point the portal (web or worker process) at this bucket."""
        return {
            "S3_BUCKET": self.name,
            "S3_ENDPOINT_URL": self.server.endpoint,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_REGION": REGION,
        }

    def storages(self) -> dict:
        """STORAGES as settings.py builds it from env()."""
        from netvaerk.storage import storages_from_env

        values = self.env()

        def env(name, default=None):
            return values.get(name, default)

        storages, _origin = storages_from_env(
            env, static_backend="django.contrib.staticfiles.storage.StaticFilesStorage"
        )
        return storages

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.server.client().list_objects_v2(Bucket=self.name, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, key: str) -> bytes:
        return self.server.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def public_grants(self, key: str) -> list[str]:
        """The permissions granted to everyone (AllUsers / AuthenticatedUsers) on the object."""
        acl = self.server.client().get_object_acl(Bucket=self.name, Key=key)
        return [
            grant["Permission"]
            for grant in acl["Grants"]
            if grant["Grantee"].get("URI", "").endswith(("/AllUsers", "/AuthenticatedUsers"))
        ]

    def anonymous_get(self, url_or_key: str) -> tuple[int, bytes]:
        """GET without credentials, as any browser on the internet would."""
        url = url_or_key if "://" in url_or_key else f"{self.server.endpoint}/{self.name}/{url_or_key}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""


@pytest.fixture(scope="session")
def s3_server():
    with S3Server() as server:
        yield server


@pytest.fixture
def s3(settings, s3_server) -> S3Bucket:
    """The portal's public and private storages on a fresh bucket of the local S3 server."""
    bucket = s3_server.new_bucket()
    settings.STORAGES = bucket.storages()
    return bucket
