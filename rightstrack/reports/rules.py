"""Who may make the documents and bring a filled-in matrix back (see ``accounts.permissions``)."""

from rightstrack.accounts.roles import is_planner
from rightstrack.core.permissions import declare

# Bring back a filled-in matrix for any entity (a focal point brings it back for its own
# through ``progress.report_for``); see every option of the documents.
declare("reports.manage", is_planner)
