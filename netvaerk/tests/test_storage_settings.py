"""STORAGES from the environment: the file system by default, the S3 store with S3_BUCKET."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from netvaerk.storage import storages_from_env
from netvaerk.tests.s3support import s3, s3_server  # noqa: F401 - fixtures


def _env(values):
    def env(name, default=None):
        return values.get(name, default)

    return env


def test_without_s3_bucket_files_stay_on_the_file_system():
    storages, origin = storages_from_env(_env({}), static_backend="x")
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private"]["BACKEND"] == "netvaerk.storage.PrivateFileSystemStorage"
    assert origin is None


def test_s3_bucket_puts_public_and_private_files_on_the_store():
    values = {
        "S3_BUCKET": "netvaerk-filer",
        "S3_ENDPOINT_URL": "https://s3.example.net:9000",
        "S3_ACCESS_KEY_ID": "id",
        "S3_SECRET_ACCESS_KEY": "secret",
        "S3_REGION": "eu-north-1",
        "S3_PRIVATE_BUCKET": "netvaerk-private",
    }
    storages, origin = storages_from_env(_env(values), static_backend="x")
    public, private = storages["default"]["OPTIONS"], storages["private"]["OPTIONS"]
    assert storages["private"]["BACKEND"] == "netvaerk.storage.PrivateS3Storage"
    assert (public["bucket_name"], public["location"], public["default_acl"]) == (
        "netvaerk-filer",
        "public",
        "public-read",
    )
    assert (private["bucket_name"], private["location"], private["default_acl"]) == (
        "netvaerk-private",
        "private",
        "private",
    )
    assert private["endpoint_url"] == "https://s3.example.net:9000" and private["region_name"] == "eu-north-1"
    assert origin == "https://s3.example.net:9000"
    _storages, cdn = storages_from_env(_env({**values, "S3_PUBLIC_DOMAIN": "billeder.example.net"}), static_backend="x")
    assert cdn == "https://billeder.example.net"


def test_the_content_security_policy_allows_images_from_the_store():
    script = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {"S3_BUCKET": "b", "S3_ENDPOINT_URL": "http://127.0.0.1:9999", "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert "http://127.0.0.1:9999" in out


def test_the_health_check_writes_to_both_storages_on_the_s3_store(client, s3, db):  # noqa: F811
    response = client.get("/health/web/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [value for key, value in body.items() if key.startswith("Storage")] == ["OK", "OK"], body
    assert s3.keys() == []  # its test files are deleted again


@pytest.mark.parametrize(
    "prefixes",
    [
        {"S3_PUBLIC_PREFIX": ""},  # public files at the root: a policy making them readable publishes private/
        {"S3_PRIVATE_PREFIX": ""},
        {"S3_PUBLIC_PREFIX": "filer", "S3_PRIVATE_PREFIX": "filer"},
        {"S3_PUBLIC_PREFIX": "filer", "S3_PRIVATE_PREFIX": "filer/private"},
        {"S3_PUBLIC_PREFIX": "/public/", "S3_PRIVATE_PREFIX": "public/private"},
    ],
)
def test_private_files_may_not_lie_inside_the_public_part_of_one_bucket(prefixes):
    with pytest.raises(ImproperlyConfigured):
        storages_from_env(_env({"S3_BUCKET": "netvaerk-filer", **prefixes}), static_backend="x")
    # With their own bucket the private files may use any folder.
    storages, _origin = storages_from_env(
        _env({"S3_BUCKET": "netvaerk-filer", "S3_PRIVATE_BUCKET": "netvaerk-private", **prefixes}), static_backend="x"
    )
    assert storages["private"]["OPTIONS"]["bucket_name"] == "netvaerk-private"
    # Neighbouring folders are fine.
    storages_from_env(
        _env({"S3_BUCKET": "b", "S3_PUBLIC_PREFIX": "public", "S3_PRIVATE_PREFIX": "public-not"}), static_backend="x"
    )
