"""WSGI entry point, served by ``rightstrack serve`` (waitress, or gunicorn for several
processes) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from rightstrack import datadir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
datadir.prepare()
application = get_wsgi_application()
