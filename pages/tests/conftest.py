# The meeting fixtures of registration's tests: the sign-up tests moved here with the meeting page.
from registration.tests.conftest import meeting, workshop_meeting  # noqa: F401
