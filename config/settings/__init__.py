"""Settings for the network and meeting portal (DJANGO_SETTINGS_MODULE=config.settings).

Everything that differs between a laptop demo and production comes from
environment variables (read with django-environ). With nothing set, the
portal runs as a demo: SQLite under var/, eager Celery tasks, emails written
as .eml files under var/mail/.

Split by concern, read in this order (a later part may build on an earlier one):
base.py (Django, database, files, security, CSP, logging), services.py (Redis,
Celery, email), features.py (the portal's own knobs and the apps added by branches).
"""

# The order matters (a later part builds on an earlier one): keep it, never sort it.
# ruff: noqa: I001
from .base import *  # noqa: F401,F403
from .services import *  # noqa: F401,F403
from .features import *  # noqa: F401,F403
