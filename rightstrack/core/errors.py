"""Errors users see. Each message names the offending value so it can be fixed."""


class RightstrackError(Exception):
    """Base of the errors the CLI reports as a one-line message and a non-zero exit."""


class UnknownStateError(RightstrackError, LookupError):
    """A State name that no State or name variant matches."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"unknown State: {name!r} (add it as a name variant of a State in the admin if it is one)")


class UnknownMechanismError(RightstrackError, LookupError):
    """A mechanism code that is not one of rightstrack's mechanisms."""

    def __init__(self, code: str, known: list[str]):
        self.code = code
        problem = f"unknown mechanism: {code!r}" if code else "no mechanism given"
        super().__init__(f"field 'mechanism': {problem} (known: {', '.join(known)})")


class UnknownTermError(RightstrackError, LookupError):
    """A term that a closed taxonomy does not have."""

    def __init__(self, taxonomy: str, value: str):
        self.taxonomy, self.value = taxonomy, value
        super().__init__(f"unknown term in {taxonomy}: {value!r}")


class InvalidValueError(RightstrackError, ValueError):
    """A field value that breaks a rule (a UPR session outside 1-54, a cycle that
    contradicts its session, ...)."""


class InvalidFilterError(RightstrackError, ValueError):
    """Filter values a FilterSet refused; ``errors`` maps each parameter to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
        super().__init__(f"invalid filter: {problems}")


class NotAllowedError(RightstrackError, PermissionError):
    """The person's role does not allow this (the message says what is needed)."""
