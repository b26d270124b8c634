"""The demo register: about 200 tasks, every status, recurring, returned and secret ones."""

from types import SimpleNamespace

from inspection.register import queries
from inspection.register.models import Task
from inspection.register.rules import Status
from tests.register.conftest import TODAY


def test_demo_register_covers_every_status(demo):
    office = SimpleNamespace(is_office=True, unit_id=None)
    counts = queries.status_counts(office, TODAY)
    total = sum(counts.values())
    assert 180 <= total <= 230
    missing = {s for s in Status if s is not Status.HOAN_THANH_KHONG_RO_NGAY} - set(counts)
    assert not missing, missing
    assert Task.select().where(Task.recurrence != "").count() >= 5
    assert Task.select().where(Task.is_secret == True).count() >= 3  # noqa: E712
    assert Task.select().where(Task.returned_on.is_null(False)).count() >= 2
    assert Task.select().where(Task.registered_on > Task.registration_due_on).count() >= 5


def test_demo_register_shows_flagged_updates_and_extensions(demo):
    from inspection.register.models import DeadlineExtension, ProgressUpdate

    assert ProgressUpdate.select().where(ProgressUpdate.flagged_inaccurate == True).count() >= 1  # noqa: E712
    assert DeadlineExtension.select().count() >= 1
