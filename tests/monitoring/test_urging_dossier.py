"""An urging letter goes into the dossier (component 3) of an inspection that covers any of its tasks."""

import datetime

from inspection.cases.models import CaseTask
from inspection.dossier import filing
from inspection.monitoring import operations
from inspection.register.models import Task
from inspection.workdays import WorkCalendar
from tests.factories import on, register_document

D = datetime.date


def test_R_10_letter_covering_a_scope_task_is_filed_in_component_3(app, notified_case, chief):
    scope_task = Task.get_by_id(CaseTask.get(CaseTask.case == notified_case).task_id)
    _doc, (other,) = register_document(
        chief,
        scope_task.lead_unit,
        [dict(summary="Báo cáo diện tích rừng trồng", lead_unit=scope_task.lead_unit, deadline=D(2026, 3, 20))],
        n=77,
        on=D(2026, 1, 12),
        issued_on=D(2026, 1, 10),
        received_on=D(2026, 1, 12),
    )
    on(D(2026, 4, 1))
    letter = operations.urge_by_letter(chief, [other, scope_task], calendar=WorkCalendar())
    assert (letter.subject_type, letter.subject_id) == ("task", other.id)  # not the scope task
    filed = {ref: meta["component"] for _source, ref, _file, meta in filing.system_documents(notified_case)}
    assert filed[f"outgoing:{letter.id}"] == 3
