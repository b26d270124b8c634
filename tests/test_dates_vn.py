"""Issue 14: every date field shows and accepts dd/mm/yyyy — none is left to the browser's own
date input (the dossier's showed mm/dd/yyyy in an English browser) or shows an ISO date."""

import datetime

from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeField

from inspection.documents.forms import IssueForm
from inspection.dossier.forms import ItemMetaForm


def _forms():
    stack, found = list(FlaskForm.__subclasses__()), []
    while stack:
        form = stack.pop()
        found.append(form)
        stack.extend(form.__subclasses__())
    return found


def test_issue_14_no_form_uses_the_browsers_date_input(app):
    offenders = []
    with app.test_request_context():
        for form_class in _forms():
            for name, field in form_class(meta={"csrf": False})._fields.items():
                if isinstance(field, (DateField, DateTimeField)) or (field.render_kw or {}).get("type") == "date":
                    offenders.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert offenders == []


def test_issue_14_dossier_and_issue_dates_show_as_dd_mm_yyyy(app):
    with app.test_request_context():
        meta = ItemMetaForm(meta={"csrf": False}, data={"doc_date": datetime.date(2026, 2, 3)})
        issue = IssueForm(meta={"csrf": False}, issued_on=datetime.date(2026, 11, 30))
        assert 'value="03/02/2026"' in meta.doc_date()
        assert 'value="30/11/2026"' in issue.issued_on()
        assert 'type="date"' not in meta.doc_date()
