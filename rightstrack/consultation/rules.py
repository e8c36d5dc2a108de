"""Who may speak in consultations and run them (see ``accounts.permissions``)."""

import rules

from rightstrack.accounts.roles import is_contributor, is_planner
from rightstrack.core.permissions import declare


@rules.predicate
def invited(user, round_) -> bool:
    return round_ is not None and user.is_authenticated and round_.invited.filter(pk=user.pk).exists()


# Open, change and follow every round.
declare("consultation.manage", is_planner)
# Comment: the contributors consultation is for, and the NMRF itself.
declare("consultation.speak", is_contributor | is_planner)
# Independent assessments are the contributors' own.
declare("consultation.assess", is_contributor)
# Reply to a round: those invited, and the NMRF.
declare("consultation.reply", invited | is_planner)
