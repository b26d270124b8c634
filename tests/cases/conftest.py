import pytest

from inspection.workdays import WorkCalendar


@pytest.fixture
def cal():
    """The real working-day calendar with the shipped corrections."""
    return WorkCalendar()
