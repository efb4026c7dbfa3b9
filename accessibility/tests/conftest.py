import pytest


@pytest.fixture
def statement(db):
    """This site's statement as the secretariat left it (the one made after migrate is replaced)."""
    from accessibility.tests.factories import StatementFactory

    return StatementFactory()
