"""The shipped names of mechanisms and follow-up grades, marked for translation.

Reference data is loaded from ``reference/data`` CSV files, which ``makemessages`` does
not read; listing the shipped strings here puts them in the catalogues, so pages and
documents show them in the reader's language (``gettext(name)``). A row an administrator
adds or renames shows as typed. ``tests/test_labels.py`` checks this list against the files."""

from django.utils.translation import gettext_noop

MECHANISM_NAMES = [
    gettext_noop("Universal Periodic Review"),
    gettext_noop("Committee on the Elimination of Racial Discrimination"),
    gettext_noop("Human Rights Committee"),
    gettext_noop("Committee on Economic, Social and Cultural Rights"),
    gettext_noop("Committee on the Elimination of Discrimination against Women"),
    gettext_noop("Committee against Torture"),
    gettext_noop("Committee on the Rights of the Child"),
    gettext_noop("Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families"),
    gettext_noop("Committee on the Rights of Persons with Disabilities"),
    gettext_noop("Committee on Enforced Disappearances"),
    gettext_noop("Subcommittee on Prevention of Torture"),
    gettext_noop("Special procedures of the Human Rights Council"),
    gettext_noop("Human Rights Council"),
]

GRADE_LABELS = [
    gettext_noop("Largely satisfactory"),
    gettext_noop("Partially satisfactory"),
    gettext_noop("Substantive action taken"),
    gettext_noop("Initial action taken"),
    gettext_noop("Not satisfactory"),
    gettext_noop("Reply received but actions not implementing"),
    gettext_noop("Reply received but not relevant"),
    gettext_noop("No cooperation with the Committee"),
    gettext_noop("No reply within the deadline"),
    gettext_noop("No reply after reminders"),
    gettext_noop("Contrary to the recommendation"),
    gettext_noop("Fully implemented"),
    gettext_noop("Partially implemented"),
    gettext_noop("Not implemented"),
]

GRADE_MEANINGS = [
    gettext_noop(
        "Reply/action largely satisfactory: evidence of significant action towards the implementation of the "
        "recommendation."
    ),
    gettext_noop(
        "Reply/action partially satisfactory: steps taken towards implementation, but more information or action "
        "needed."
    ),
    gettext_noop("Substantive action taken, but additional information required."),
    gettext_noop("Initial action taken, but additional measures and information required."),
    gettext_noop(
        "Reply/action not satisfactory: response received, but actions taken or information provided not relevant "
        "or not implementing the recommendation."
    ),
    gettext_noop("Reply received, but actions taken do not implement the recommendation."),
    gettext_noop("Reply received, but not relevant to the recommendation."),
    gettext_noop("No follow-up report received after reminders."),
    gettext_noop("No reply within the deadline, or no reply to a specific question."),
    gettext_noop("No reply received after reminders."),
    gettext_noop("Information or measures taken are contrary to, or reflect rejection of, the recommendation."),
]
