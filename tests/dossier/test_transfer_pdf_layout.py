"""The transfer list keeps fixed column widths in the PDF (issue 17 speed, LT-17).

WeasyPrint's automatic table layout measured every row of a 1,000-dossier transfer list before
laying it out; the list now declares the widths that layout gave (`table-layout: fixed`), so a
dossier code like KT-2019-0123 and a span of years like 2019-2020 still stand on one line,
as in the Word copy whose columns have the same widths.
"""

import io
import re

from pypdf import PdfReader

from inspection.documents import kinds, render_pdf
from inspection.documents.blocks import Table
from inspection.documents.bodies import BODIES
from inspection.documents.layout import TEMPLATES_DIR
from inspection.documents.render import html_string


def _entries_table():
    return next(b for b in BODIES["transfer_list"] if isinstance(b, Table) and b.seq == "entries")


def test_LT_17_the_transfer_list_is_a_fixed_table_in_the_shipped_template():
    assert _entries_table().fixed
    html = (TEMPLATES_DIR / "transfer_list" / "template.html").read_text(encoding="utf-8")
    assert '<table class="grid fixed"><colgroup><col style="width:6.59%">' in html


def test_LT_17_codes_years_and_retention_of_a_long_transfer_list_stay_on_one_line(app):
    ctx = dict(kinds.get("transfer_list").sample)
    rows = [
        {
            "box": f"{1 + i // 20:02d}",
            "code": f"KT-{2015 + i % 8}-{i + 1:04d}",
            "title": f"Hồ sơ kiểm tra: Kiểm tra việc thực hiện nhiệm vụ tại Chi cục Trồng trọt số {i + 1}",
            "dates": f"{2015 + i % 8}-{2016 + i % 8}",
            "sheets": str(40 + i % 60),
            "retention": "Vĩnh viễn",
            "note": "",
        }
        for i in range(300)
    ]
    ctx["entries"] = rows
    assert 'class="grid fixed"' in html_string("transfer_list", ctx)
    pdf = render_pdf("transfer_list", ctx)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    codes = re.findall(r"KT-20\d\d-\d{4}(?!\d)", text)
    assert sorted(codes) == sorted(r["code"] for r in rows)  # every code whole, once
    assert len(re.findall(r"(?<!\d)20\d\d-20\d\d(?!\d)", text)) == len(rows)  # every span whole
    assert not re.search(r"KT-(20\d\d-?)?\n|(?<!\d)20\d\d-\n", text)  # nothing split at a hyphen
    # "Vĩnh viễn" wraps after "Vĩnh" in its narrow column, as it did with the automatic layout
    assert len(re.findall(r"Vĩnh\s+viễn", text)) == len(rows)
