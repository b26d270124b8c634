"""What other parts do when one of their documents is signed, and who of theirs signs it.

The documents part does not import the parts that own a document's subject (a case, a plan):
they register here (cases/__init__.py), keyed by the document kind or the subject type.
"""

_ON_SIGNED = {}
_SUBJECT_SIGNERS = {}


def on_signed(kind, fn):
    """Register `fn(doc, user)`, run after a submitted `kind` is signed: link it, move the subject."""
    _ON_SIGNED[kind] = fn
    return fn


def subject_signers(subject_type, fn):
    """Register `fn(subject_id) -> set of user ids` who lead the subject (team leader, presider)."""
    _SUBJECT_SIGNERS[subject_type] = fn
    return fn


def finish(doc, user):
    """Let the owning part finish its step for a freshly signed document (no-op without a hook)."""
    fn = _ON_SIGNED.get(doc.kind) if doc.subject_type else None
    return fn(doc, user) if fn else None


def signer_ids(doc) -> set:
    """The users who lead the document's subject, for a TEAM_LEADER or PRESIDER block."""
    fn = _SUBJECT_SIGNERS.get(doc.subject_type or "")
    return set(fn(doc.subject_id)) if fn else set()
