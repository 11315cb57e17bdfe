"""Errors the workflows raise. Each carries a machine-readable code, the field it concerns and the
values a message needs; the web layer turns the code into words in the user's language."""


class WorkflowError(Exception):
    status = 400

    def __init__(self, code: str, field: str | None = None, *, expose: tuple = (), **params):
        super().__init__(code, field, params)
        self.code = code
        self.field = field
        self.params = params
        # The params an API caller gets as values beside the message (e.g. a quota's max and proposed).
        self.exposed = {k: params[k] for k in expose}


class InvalidInput(WorkflowError):
    """Bad input from the caller: names the field; nothing was changed."""
    status = 422


class NotFound(WorkflowError):
    status = 404


class Forbidden(WorkflowError):
    status = 403


class Conflict(WorkflowError):
    """The case moved on since the caller read it, or the action is not allowed in its state."""
    status = 409


class Unavailable(WorkflowError):
    """The database could not serve the action in time (a writer queue longer than the wait):
    nothing was changed, and the same request may succeed a moment later."""
    status = 503
