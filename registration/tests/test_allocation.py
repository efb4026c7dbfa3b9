"""Property-based proof of the workshop allocation's invariants."""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from registration.allocation import Applicant, allocate


@st.composite
def instances(draw, max_people=12, max_workshops=4):
    n_workshops = draw(st.integers(1, max_workshops))
    capacities = {w: draw(st.one_of(st.none(), st.integers(0, 4))) for w in range(n_workshops)}
    choice = st.one_of(st.none(), st.integers(0, n_workshops - 1))
    people = draw(st.lists(st.tuples(choice, choice), max_size=max_people))
    applicants = [Applicant(key=i, first=f, second=s if s != f else None) for i, (f, s) in enumerate(people)]
    return applicants, capacities


def score(applicants, result):
    firsts = sum(1 for a in applicants if a.first is not None and result[a.key] == a.first)
    seconds = sum(1 for a in applicants if a.second is not None and result[a.key] == a.second)
    return firsts, seconds


def brute_force_best(applicants, capacities):
    best = (-1, -1)
    options = [[None] + [c for c in (a.first, a.second) if c is not None] for a in applicants]
    for combo in itertools.product(*options):
        counts = Counter(c for c in combo if c is not None)
        if any(capacities[w] is not None and n > capacities[w] for w, n in counts.items()):
            continue
        best = max(best, score(applicants, dict(zip([a.key for a in applicants], combo))))
    return best


@settings(max_examples=300, deadline=None)
@given(instances())
def test_allocation_never_exceeds_capacity_and_respects_priorities(instance):
    applicants, capacities = instance
    result = allocate(applicants, capacities)
    assert set(result) == {a.key for a in applicants}  # everyone has exactly one answer
    counts = Counter(w for w in result.values() if w is not None)
    for workshop, n in counts.items():
        assert capacities[workshop] is None or n <= capacities[workshop]
    for applicant in applicants:
        assert result[applicant.key] in (None, applicant.first, applicant.second)


@settings(max_examples=200, deadline=None)
@given(instances(max_people=7, max_workshops=3))
def test_allocation_maximises_first_then_second_choices(instance):
    applicants, capacities = instance
    result = allocate(applicants, capacities)
    assert score(applicants, result) == brute_force_best(applicants, capacities)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_allocation_is_deterministic(instance):
    applicants, capacities = instance
    assert allocate(applicants, capacities) == allocate(list(applicants), dict(capacities))


def test_earlier_registration_wins_a_tie():
    applicants = [Applicant("early", 1, None), Applicant("late", 1, None)]
    assert allocate(applicants, {1: 1}) == {"early": 1, "late": None}


def test_allocation_fills_every_seat_of_a_large_meeting():
    # How fast it runs is the benchmarks' business, not a test's.
    import random

    rng = random.Random(7)
    applicants = [Applicant(i, rng.randrange(4), rng.randrange(4)) for i in range(600)]
    result = allocate(applicants, {0: 50, 1: 50, 2: 50, 3: 50})
    assert sum(1 for w in result.values() if w is not None) == 200
    for workshop in range(4):
        assert sum(1 for w in result.values() if w == workshop) == 50
