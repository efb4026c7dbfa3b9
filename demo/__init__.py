"""Demo data for the whole site (`manage.py load_demo`, `make demo`).

The top of the house: it imports every app and no app imports it (only the
test fixture in conftest.py and the benchmarks do). `demo.load.load_demo`
runs one loader per area (`demo/loaders/`) in order; each loader calls the
apps' models and services and is idempotent, so loading twice refreshes the
rows in place.
"""
