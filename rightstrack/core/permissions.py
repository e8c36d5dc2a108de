"""The one permission check: ``can(user, action, obj=None)``.

Each app says who may do what in its own ``rules.py``, with django-rules (found at
start-up by its autodiscovery), naming its actions "<app>.<verb>" and building them
from the predicates of ``accounts.roles``: ``planning.plan``, ``progress.review``,
``tagging.review``… (``accounts.rules`` declares core's own: who starts background
jobs). So the check knows no app, every app (core too) can ask it, and every page,
endpoint, service and template asks the same question the same way (in a template:
``{% load rules %}{% test_rule "planning.plan" user as can_plan %}``).
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from rightstrack.core.errors import NotAllowedError


def can(user, action: str, obj=None) -> bool:
    """Whether ``user`` may do ``action`` (on ``obj``). An action no app declared is an
    error, not a refusal: a misspelt name must not pass as a rule."""
    if not rules.rule_exists(action):
        raise LookupError(f"no permission rule is declared for {action!r}")
    return rules.test_rule(action, user, obj)


def require(user, action: str, obj=None, *, refused: str) -> None:
    """Raise NotAllowedError saying what was refused ("Not allowed: <refused>.") unless
    ``can(user, action, obj)``."""
    if not can(user, action, obj):
        raise refusal(refused)


def refusal(what: str) -> NotAllowedError:
    """The error that refuses ``what`` ("Not allowed: <what>."), for a refusal that is
    not a rule of its own (which fields a focal point may change, say)."""
    return NotAllowedError(_("Not allowed: %(what)s.") % {"what": what})


def declare(action: str, predicate) -> None:
    """Declare (or, in tests, replace) the rule of ``action``; apps call it in their
    ``rules.py``."""
    rules.set_rule(action, predicate)


class _Operator:
    """The person at the command line: they hold the database, so they see everything."""

    is_authenticated = True
    is_superuser = is_staff = True
    pk = None


OPERATOR = _Operator()
