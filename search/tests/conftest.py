import factory.random
import pytest


@pytest.fixture(autouse=True)
def _same_made_up_text():
    # The factories write made-up Danish names, towns and sentences; a search test must not depend on
    # whether one of them happens to share a word with the query, so every test gets the same ones.
    factory.random.reseed_random("netvaerk-search")
