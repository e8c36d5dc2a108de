"""Who may do what with people's accounts and roles."""

from rightstrack.accounts.roles import is_administrator, is_planner
from rightstrack.core.permissions import declare

declare("accounts.give_roles", is_administrator)

# core's own actions (core knows no roles): background jobs.
declare("core.start_jobs", is_planner)
declare("core.follow_all_jobs", is_planner)
# Django's administration pages (which also ask for the account's staff flag).
declare("core.open_admin", is_planner)
