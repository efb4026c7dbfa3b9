import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # Uploaded images of the tests never land in the demo's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"
