"""Who may do what with people's accounts and roles."""

from rightstrack.accounts.roles import is_administrator, is_planner, is_signed_in
from rightstrack.core.permissions import declare

declare("accounts.give_roles", is_administrator)

# core's own actions (core knows no roles): background jobs.
declare("core.start_jobs", is_planner)
declare("core.follow_all_jobs", is_planner)
# What is not published yet (plans, comments, assessments, follow-up records) is for the
# people who work on it: anybody signed in.
declare("core.see_unpublished", is_signed_in)

# Django's administration pages (which also ask for the account's staff flag).
declare("core.open_admin", is_planner)
