"""The wording of each kind inside the Decree 30 frame (docs/documents-form.md gives the skeletons).

build_templates.py turns each list into doc_templates/<kind>/template.html and template.docx.
"""

from .blocks import H1, H2, Col, Frame, If, Loop, P, Picture, Table

HEADER = Frame("header")
LETTER_HEADER = Frame("header", {"style": "letter"})
SIGNATURE = Frame("signature")


def _title(type_name):
    return Frame("title", {"type_name": type_name})


def _paras(seq, var="x"):
    return Loop(var, seq, [P("{{ %s }}" % var)])


def _dashes(seq, var="x"):
    return Loop(var, seq, [P("- {{ %s }}" % var)])


INSPECTION_PLAN = [
    HEADER,
    _title("KẾ HOẠCH"),
    _paras("bases"),
    H1("I. MỤC ĐÍCH, YÊU CẦU"),
    H2("1. Mục đích"),
    _dashes("purposes"),
    H2("2. Yêu cầu"),
    _dashes("requirements"),
    H1("II. NỘI DUNG, ĐỐI TƯỢNG, PHẠM VI KIỂM TRA"),
    H2("1. Nội dung kiểm tra"),
    _dashes("contents"),
    H2("2. Đối tượng kiểm tra"),
    _dashes("subjects"),
    H2("3. Phạm vi kiểm tra"),
    P("{{ scope }}"),
    H1("III. HÌNH THỨC, PHƯƠNG PHÁP KIỂM TRA"),
    _dashes("methods"),
    H1("IV. THỜI GIAN, THÀNH PHẦN"),
    Table(
        "schedule",
        "r",
        [
            Col("STT", 6, "{{ loop.index }}", True),
            Col("Đơn vị được kiểm tra", 26, "{{ r.unit }}"),
            Col("Nội dung", 30, "{{ r.content }}"),
            Col("Thời gian", 16, "{{ r.time }}", True),
            Col("Thành phần", 22, "{{ r.members }}"),
        ],
    ),
    H1("V. TỔ CHỨC THỰC HIỆN"),
    _paras("implementation"),
    SIGNATURE,
]

INSPECTION_DECISION = [
    HEADER,
    _title("QUYẾT ĐỊNH"),
    P("{{ authority_line }}", align="c", style="b"),
    Frame("grounds"),
    P("QUYẾT ĐỊNH:", align="c", style="b"),
    P(
        [
            ("b", "Điều 1. "),
            ("", "Kiểm tra {{ inspection_subject }} và thành lập Đoàn kiểm tra gồm các ông (bà) có tên sau:"),
        ]
    ),
    Loop("m", "team", [P("{{ loop.index }}. {{ m.honorific }} {{ m.name }}, {{ m.position }} - {{ m.role }}.")]),
    P([("b", "Điều 2. "), ("", "Nội dung, đối tượng, phạm vi, thời hạn kiểm tra")]),
    P("1. Nội dung kiểm tra:"),
    _dashes("contents"),
    P("2. Đối tượng kiểm tra: {{ subjects }}."),
    P("3. Phạm vi kiểm tra: {{ scope }}."),
    P("4. Thời hạn kiểm tra: {{ time_limit }}."),
    P("5. Đoàn kiểm tra có nhiệm vụ:"),
    _dashes("team_duties"),
    P("Đoàn kiểm tra báo cáo kết quả kiểm tra về Giám đốc Sở trước ngày {{ report_due }}."),
    P(
        [
            ("b", "Điều 3. "),
            (
                "",
                "Quyết định này có hiệu lực kể từ ngày ký. {{ executors }} chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ]
    ),
    SIGNATURE,
]

# R-13d: a run past the decided time limit needs this decision.
EXTENSION_DECISION = [
    HEADER,
    _title("QUYẾT ĐỊNH"),
    P("{{ authority_line }}", align="c", style="b"),
    Frame("grounds"),
    P("QUYẾT ĐỊNH:", align="c", style="b"),
    P(
        [
            ("b", "Điều 1. "),
            (
                "",
                "Gia hạn thời hạn kiểm tra {{ inspection_subject }} theo {{ decision_ref }}: "
                "từ ngày {{ old_limit }} đến hết ngày {{ new_limit }}.",
            ),
        ]
    ),
    P("Lý do gia hạn: {{ reason }}."),
    P(
        [
            ("b", "Điều 2. "),
            ("", "Đoàn kiểm tra báo cáo kết quả kiểm tra về Giám đốc Sở trước ngày {{ report_due }}."),
        ]
    ),
    P(
        [
            ("b", "Điều 3. "),
            (
                "",
                "Quyết định này có hiệu lực kể từ ngày ký. {{ executors }} chịu trách nhiệm thi hành Quyết định này./.",
            ),
        ]
    ),
    SIGNATURE,
]

REQUEST_LETTER = [
    LETTER_HEADER,
    Frame("addressees"),
    _paras("introduction"),
    P("Để phục vụ công tác kiểm tra, Sở đề nghị Thủ trưởng các đơn vị báo cáo, cung cấp các hồ sơ, tài liệu sau:"),
    Loop("x", "requested_items", [P("{{ loop.index }}. {{ x }}")]),
    P(
        "Báo cáo và hồ sơ, tài liệu gửi về {{ submit_to }} trước ngày {{ due_date }} để tổng "
        "hợp (khoản 3 Điều 14 Quy chế)."
    ),
    P("Thông tin chi tiết liên hệ: {{ contact }}."),
    P("Sở Nông nghiệp đề nghị Thủ trưởng các đơn vị quan tâm, thực hiện./."),
    SIGNATURE,
]

INVITATION_LETTER = [
    LETTER_HEADER,
    Frame("addressees"),
    _paras("introduction"),
    P(
        "Căn cứ khoản 2 Điều 14 Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ, trong quá "
        "trình kiểm tra, Trưởng Đoàn kiểm tra trân trọng mời:"
    ),
    P("{{ invitee }}", style="b"),
    P(
        "tham gia Đoàn kiểm tra với vai trò {{ role }}, từ ngày {{ from_date }} đến hết thời hạn kiểm tra ({{ time_limit }})."
    ),
    P("Nội dung tham gia: {{ purpose }}."),
    P("Cơ quan, tổ chức, cá nhân được mời có trách nhiệm tham gia Đoàn kiểm tra (khoản 2 Điều 14 Quy chế)."),
    P("Thông tin chi tiết liên hệ: {{ contact }}./."),
    SIGNATURE,
]

INSPECTION_MINUTES = [
    Frame("header", {"style": "minutes"}),
    _title("BIÊN BẢN KIỂM TRA"),
    P(
        "Vào lúc {{ started_at }}, tại {{ place }}, Đoàn kiểm tra theo {{ decision_ref }} đã "
        "tiến hành kiểm tra tại {{ inspected_unit }}."
    ),
    H1("I. THÀNH PHẦN"),
    H2("1. Đoàn kiểm tra"),
    Loop("m", "team_members", [P("- {{ m.honorific }} {{ m.name }}, {{ m.position }}.")]),
    H2("2. Đơn vị được kiểm tra"),
    Loop("m", "unit_members", [P("- {{ m.honorific }} {{ m.name }}, {{ m.position }}.")]),
    H1("II. NỘI DUNG KIỂM TRA"),
    _dashes("contents"),
    H1("III. KẾT QUẢ KIỂM TRA"),
    _paras("results"),
    H1("IV. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA"),
    _paras("unit_opinions"),
    P(
        "Biên bản kết thúc vào lúc {{ closed_at }} cùng ngày, được lập thành {{ copies_count }} "
        "bản có giá trị như nhau, đã đọc lại cho các thành viên tham dự cùng nghe và thống "
        "nhất ký tên dưới đây./."
    ),
    P("ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", align="c", style="b"),
    P("{{ unit_representative }}", align="c", style="b"),
    Frame("signature", {"style": "minutes"}),
]

INSPECTION_REPORT = [
    HEADER,
    _title("BÁO CÁO"),
    Frame("addressees"),
    _paras("introduction"),
    H1("I. KHÁI QUÁT"),
    _paras("overview"),
    H1("II. KẾT QUẢ KIỂM TRA"),
    Loop("s", "results", [H2("{{ loop.index }}. {{ s.title }}"), _paras("s.paragraphs", "y")]),
    Table(
        "task_rows",
        "r",
        [
            Col("STT", 6, "{{ loop.index }}", True),
            Col("Đơn vị", 22, "{{ r.unit }}"),
            Col("Nhiệm vụ", 40, "{{ r.task }}"),
            Col("Tình trạng", 16, "{{ r.status }}"),
            Col("Ghi chú", 16, "{{ r.note }}"),
        ],
    ),
    H1("III. NHẬN XÉT, ĐÁNH GIÁ"),
    H2("1. Ưu điểm"),
    _dashes("strengths"),
    H2("2. Tồn tại, hạn chế"),
    _dashes("weaknesses"),
    H2("3. Nguyên nhân, trách nhiệm"),
    _dashes("causes"),
    H1("IV. KIẾN NGHỊ, ĐỀ XUẤT"),
    _dashes("recommendations"),
    SIGNATURE,
]

CONCLUSION_NOTICE = [
    HEADER,
    _title("THÔNG BÁO"),
    _paras("introduction"),
    H1("I. KẾT LUẬN"),
    _paras("conclusions"),
    H1("II. YÊU CẦU KHẮC PHỤC"),
    Table(
        "remedies",
        "r",
        [
            Col("STT", 6, "{{ loop.index }}", True),
            Col("Đơn vị", 24, "{{ r.unit }}"),
            Col("Nội dung khắc phục", 50, "{{ r.measure }}"),
            Col("Thời hạn", 20, "{{ r.deadline }}", True),
        ],
    ),
    P("Các đơn vị báo cáo kết quả khắc phục về Sở (qua Văn phòng Sở) trước ngày {{ report_back_due }}./."),
    SIGNATURE,
]

URGING_LETTER = [
    LETTER_HEADER,
    Frame("addressees"),
    P("Thực hiện {{ assigning_document }}, {{ task_summary }}; thời hạn hoàn thành: {{ deadline }}."),
    P("Đến nay, nhiệm vụ nêu trên {{ lateness }}."),
    P("Để bảo đảm tiến độ, Sở đề nghị:"),
    _dashes("requests"),
    P("Kết quả thực hiện báo cáo về Sở (qua Văn phòng Sở) trước ngày {{ report_due }}./."),
    SIGNATURE,
]

PERIODIC_REPORT = [
    HEADER,
    _title("BÁO CÁO"),
    Frame("addressees"),
    _paras("introduction"),
    H1("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ {{ period_label }}"),
    _paras("summary"),
    Table(
        "stats",
        "r",
        [
            Col("STT", 5, "{{ loop.index }}", True),
            Col("Đơn vị", 19, "{{ r.unit }}"),
            Col("Tổng số", 8, "{{ r.total }}", True),
            Col("Hoàn thành trong hạn", 10, "{{ r.done_on_time }}", True),
            Col("Hoàn thành quá hạn", 10, "{{ r.done_late }}", True),
            Col("Đang thực hiện trong hạn", 10, "{{ r.pending_in_time }}", True),
            Col("Chưa hoàn thành quá hạn", 10, "{{ r.pending_overdue }}", True),
            Col("Tỷ lệ hoàn thành (%)", 10, "{{ r.completion_pct }}", True),
            Col("Tỷ lệ quá hạn (%)", 10, "{{ r.overdue_pct }}", True),
        ],
        total=[
            "",
            "Tổng cộng",
            "{{ totals.total }}",
            "{{ totals.done_on_time }}",
            "{{ totals.done_late }}",
            "{{ totals.pending_in_time }}",
            "{{ totals.pending_overdue }}",
            "{{ totals.completion_pct }}",
            "{{ totals.overdue_pct }}",
        ],
    ),
    # The charts of the figures above, drawn from the stored content (the numbers are the table's)
    Loop("c", "charts", [Picture("c"), P("{{ c.title }}", align="c", style="i")]),
    H1("II. NHIỆM VỤ QUÁ HẠN, NGUYÊN NHÂN VÀ KIẾN NGHỊ"),
    Table(
        "overdue_tasks",
        "r",
        [
            # In 1/100 %: the widths WeasyPrint's automatic layout gave these columns (a 4-digit
            # number and a dd/mm/yyyy date on one line), now fixed so the long list is not measured.
            # g1 (R-18/19): the measure proposed, from the task's difficulty; the free-text columns narrowed.
            Col("STT", 658, "{{ loop.index }}", True),
            Col("Văn bản giao", 1674, "{{ r.document }}"),
            Col("Nhiệm vụ", 2100, "{{ r.task }}"),
            Col("Đơn vị chủ trì", 1450, "{{ r.unit }}"),
            Col("Thời hạn", 1315, "{{ r.deadline }}", True),
            Col("Nguyên nhân", 1400, "{{ r.reason }}"),
            Col("Kiến nghị", 1403, "{{ r.proposal }}"),
        ],
        fixed=True,
    ),
    P("{{ overdue_note }}"),
    H1("III. CÔNG TÁC ĐÔN ĐỐC"),
    P("{{ urgings_note }}"),
    If(
        "urgings",
        [
            Table(
                "urgings",
                "r",
                [
                    Col("STT", 6, "{{ loop.index }}", True),
                    Col("Ngày", 12, "{{ r.date }}", True),
                    Col("Hình thức", 18, "{{ r.channel }}"),
                    Col("Đơn vị được đôn đốc", 28, "{{ r.unit }}"),
                    Col("Số nhiệm vụ", 10, "{{ r.tasks }}", True),
                    Col("Văn bản đôn đốc", 26, "{{ r.letter }}"),
                ],
            ),
        ],
    ),
    H1("IV. CÔNG TÁC KIỂM TRA"),
    P("{{ inspections_note }}"),
    If(
        "inspections",
        [
            Table(
                "inspections",
                "r",
                [
                    Col("STT", 6, "{{ loop.index }}", True),
                    Col("Cuộc kiểm tra", 30, "{{ r.title }}"),
                    Col("Đơn vị được kiểm tra", 22, "{{ r.units }}"),
                    Col("Thời gian", 16, "{{ r.dates }}", True),
                    Col("Kết luận", 26, "{{ r.conclusion }}"),
                ],
            ),
        ],
    ),
    H1("V. ĐÁNH GIÁ CHUNG"),
    _paras("assessment"),
    H1("VI. ĐỀ XUẤT, KIẾN NGHỊ"),
    _dashes("proposals"),
    SIGNATURE,
]

DOSSIER_COVER = [
    Frame("cover"),
]

DOSSIER_TOC = [
    P("MỤC LỤC VĂN BẢN, TÀI LIỆU", align="c", style="b", indent=False),
    P("Hồ sơ số: {{ dossier_code }}", align="c", indent=False),
    P("Năm: {{ year }}", align="c", indent=False),
    Table(
        "entries",
        "r",
        [
            Col("STT", 6, "{{ loop.index }}", True),
            Col("Số, ký hiệu văn bản", 15, "{{ r.number_symbol }}"),
            Col("Ngày tháng năm văn bản", 13, "{{ r.date }}", True),
            Col("Tên loại và trích yếu nội dung", 30, "{{ r.title }}"),
            Col("Tác giả", 14, "{{ r.author }}"),
            Col("Tờ số/ Trang số", 10, "{{ r.page }}", True),
            Col("Ghi chú", 12, "{{ r.note }}"),
        ],
    ),
]

CLOSING_CERTIFICATE = [
    P("CHỨNG TỪ KẾT THÚC", align="c", style="b", indent=False),
    P("Hồ sơ số: {{ dossier_code }}", align="c", indent=False),
    P(
        "Hồ sơ này gồm có: {{ sheets }} tờ (viết bằng chữ: {{ sheets_in_words }} tờ), được đánh "
        "số từ 01 đến {{ sheets }}."
    ),
    P("Mục lục văn bản gồm {{ toc_sheets }} tờ."),
    P("Đặc điểm tài liệu trong hồ sơ: {{ features }}."),
    Frame("signature", {"style": "creator"}),
]

# --- e2-transfer (issue 17; Luật Lưu trữ số 33/2024/QH15, docs/archive.md) ---
_AGENCY_LINES = [
    P("{{ parent_agency }}", align="l", indent=False),
    P("{{ agency }}", align="l", style="b", indent=False),
]
_TWO_SIDES = [
    P("{{ giver_title }}: {{ giver_name }}", align="l", style="b", indent=False),
    P("{{ receiver_title }}: {{ receiver_name }}", align="l", style="b", indent=False),
]

TRANSFER_LIST = [
    *_AGENCY_LINES,
    P("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", align="c", style="b", indent=False),
    P("Phông: {{ fonds }}", align="c", indent=False),
    P("Nộp lưu vào: {{ archive_name }}", align="c", indent=False),
    Table(
        "entries",
        "r",
        [
            # In 1/100 %: the widths WeasyPrint's automatic layout gave these columns for 1,000
            # dossiers (a 4-digit number, a code like KT-2015-0001 and "2015-2016" each on one
            # line), now fixed so the long list is not measured first (issue 17 speed, LT-17).
            Col("STT", 659, "{{ loop.index }}", True),
            Col("Hộp/ cặp số", 791, "{{ r.box }}", True),
            Col("Số, ký hiệu hồ sơ", 1663, "{{ r.code }}"),
            Col("Tiêu đề hồ sơ", 3101, "{{ r.title }}"),
            Col("Thời gian tài liệu", 1258, "{{ r.dates }}", True),
            Col("Số tờ", 678, "{{ r.sheets }}", True),
            Col("Thời hạn bảo quản", 977, "{{ r.retention }}", True),
            Col("Ghi chú", 873, "{{ r.note }}"),
        ],
        fixed=True,
    ),
    P("Mục lục này gồm {{ count }} hồ sơ, {{ sheets_total }} tờ."),
    P("{{ date_line }}", align="r", style="i", indent=False),
    P("NGƯỜI LẬP", align="r", style="b", indent=False),
    P("{{ creator_name }}", align="r", style="b", indent=False),
]

HANDOVER_RECORD = [
    *_AGENCY_LINES,
    P("BIÊN BẢN", align="c", style="b", indent=False),
    P("Về việc giao nhận hồ sơ, tài liệu nộp lưu vào {{ archive_name }}", align="c", style="b", indent=False),
    P("Căn cứ Luật Lưu trữ số 33/2024/QH15 ngày 21 tháng 6 năm 2024;"),
    P("{{ date_line }}, chúng tôi gồm:"),
    *_TWO_SIDES,
    P("Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:"),
    P("1. Tên khối tài liệu giao nộp: {{ fonds }}."),
    P("2. Thời gian của tài liệu: {{ dates }}."),
    P("3. Số lượng tài liệu: {{ count }} hồ sơ, {{ sheets_total }} tờ."),
    P("4. Tình trạng tài liệu giao nộp: {{ condition }}."),
    P("5. Mục lục hồ sơ, tài liệu nộp lưu và gói tài liệu điện tử kèm theo: {{ package_name }}."),
    P("Biên bản này được lập thành hai bản; bên giao giữ một bản, bên nhận giữ một bản./."),
    Table(
        "sides",
        "s",
        [
            Col("Bên", 30, "{{ s.title }}", True),
            Col("Họ tên người đại diện (ký, ghi rõ họ tên)", 70, "{{ s.name }}", True),
        ],
    ),
]

DESTRUCTION_RECORD = [
    *_AGENCY_LINES,
    P("BIÊN BẢN HỦY TÀI LIỆU HẾT GIÁ TRỊ", align="c", style="b", indent=False),
    P("Căn cứ Luật Lưu trữ số 33/2024/QH15 ngày 21 tháng 6 năm 2024;"),
    P("Căn cứ {{ decision_ref }} của {{ decision_signer }} về việc hủy tài liệu hết giá trị;"),
    P("Hội đồng xác định giá trị tài liệu gồm: {{ council }}."),
    P("{{ date_line }}, {{ agency }} đã tiến hành hủy tài liệu hết giá trị như sau:"),
    Table(
        "entries",
        "r",
        [
            Col("STT", 6, "{{ loop.index }}", True),
            Col("Số, ký hiệu hồ sơ", 16, "{{ r.code }}"),
            Col("Tiêu đề hồ sơ", 34, "{{ r.title }}"),
            Col("Thời gian tài liệu", 12, "{{ r.years }}", True),
            Col("Thời hạn bảo quản", 12, "{{ r.retention }}", True),
            Col("Số tệp đã hủy", 8, "{{ r.files }}", True),
            Col("Mã kiểm tra (SHA-256, 16 ký tự đầu)", 12, "{{ r.hashes }}"),
        ],
    ),
    P("Phương thức hủy: {{ method }}."),
    P(
        "Thông tin về hồ sơ (mã, tiêu đề, thời gian, thời hạn bảo quản), quyết định hủy và biên bản này được lưu giữ vĩnh viễn."
    ),
    P("NGƯỜI THỰC HIỆN", align="r", style="b", indent=False),
    P("{{ creator_name }}", align="r", style="b", indent=False),
]
# --- end e2-transfer ---

BODIES = {
    "inspection_plan": INSPECTION_PLAN,
    "inspection_decision": INSPECTION_DECISION,
    "extension_decision": EXTENSION_DECISION,
    "request_letter": REQUEST_LETTER,
    "invitation_letter": INVITATION_LETTER,
    "inspection_minutes": INSPECTION_MINUTES,
    "inspection_report": INSPECTION_REPORT,
    "conclusion_notice": CONCLUSION_NOTICE,
    "urging_letter": URGING_LETTER,
    "periodic_report": PERIODIC_REPORT,
    "dossier_cover": DOSSIER_COVER,
    "dossier_toc": DOSSIER_TOC,
    "closing_certificate": CLOSING_CERTIFICATE,
    # --- e2-transfer ---
    "transfer_list": TRANSFER_LIST,
    "handover_record": HANDOVER_RECORD,
    "destruction_record": DESTRUCTION_RECORD,
    # --- end e2-transfer ---
}
