"""Demo register: ~200 tasks in realistic directive documents, every status, around 27/11/2026.

Deterministic (fixed random seed). Documents go through operations.register_document so
history and R-6.1b limits are real; later states (progress, results, extensions, returns)
go through the same operations with the dates they would have had.
"""

import datetime
import random

from inspection.calendar.service import current_calendar
from inspection.register import operations
from inspection.register.models import Task

REFERENCE_DAY = datetime.date(2026, 11, 27)

# (doc_type, issuer_kind, issuer_name, symbol, abstract, [task summaries])
DOCS = [
    (
        "cong_van",
        "ubnd_tinh",
        "",
        "UBND-NNTN",
        "Về việc triển khai các giải pháp phòng, chống hạn hán, thiếu nước mùa khô",
        [
            "Rà soát, thống kê các công trình thủy lợi có nguy cơ thiếu nước",
            "Xây dựng phương án điều tiết nước tưới vụ Đông Xuân",
            "Báo cáo tình hình hạn hán, thiệt hại trên địa bàn tỉnh",
        ],
    ),
    (
        "quyet_dinh",
        "chu_tich",
        "",
        "QĐ-UBND",
        "Phê duyệt Kế hoạch phát triển hạ tầng nông thôn mới giai đoạn 2026-2030",
        [
            "Hướng dẫn các huyện lập danh mục công trình hạ tầng nông thôn mới",
            "Tổng hợp nhu cầu vốn đầu tư hạ tầng thiết yếu",
        ],
    ),
    (
        "chi_thi",
        "chu_tich",
        "",
        "CT-UBND",
        "Về tăng cường công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng",
        [
            "Tổ chức trực phòng cháy, chữa cháy rừng mùa khô",
            "Kiểm tra, xử lý vi phạm lâm luật tại các điểm nóng",
            "Tuyên truyền bảo vệ rừng đến cộng đồng dân cư thôn, làng",
        ],
    ),
    (
        "cong_dien",
        "chu_tich",
        "",
        "CĐ-UBND",
        "Về ứng phó với dịch tả lợn châu Phi",
        ["Chỉ đạo tiêu hủy lợn bệnh, khoanh vùng ổ dịch", "Báo cáo diễn biến dịch bệnh hằng ngày"],
    ),
    (
        "thong_bao_ket_luan",
        "vp_ubnd_tinh",
        "",
        "TB-VP",
        "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Nông nghiệp và PTNT",
        [
            "Hoàn thiện Đề án phát triển cây dược liệu dưới tán rừng",
            "Tham mưu cơ chế hỗ trợ sản xuất nông nghiệp ứng dụng công nghệ cao",
            "Đẩy nhanh tiến độ giải ngân vốn đầu tư công lĩnh vực nông nghiệp",
        ],
    ),
    (
        "ke_hoach",
        "ubnd_tinh",
        "",
        "KH-UBND",
        "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2026",
        ["Đánh giá mức độ đạt tiêu chí nông thôn mới của các xã", "Hướng dẫn xây dựng sản phẩm OCOP cấp tỉnh"],
    ),
    (
        "cong_van",
        "pho_chu_tich",
        "Nguyễn Ngọc Sâm",
        "UBND-NNTN",
        "Về việc báo cáo tình hình sản xuất vụ Mùa và kế hoạch vụ Đông Xuân",
        ["Báo cáo kết quả sản xuất vụ Mùa", "Xây dựng kế hoạch sản xuất vụ Đông Xuân"],
    ),
    (
        "cong_van",
        "giam_doc",
        "",
        "SNN-VP",
        "Về việc triển khai nhiệm vụ trọng tâm của Sở",
        ["Rà soát thủ tục hành chính thuộc thẩm quyền giải quyết của Sở", "Cập nhật cơ sở dữ liệu giống cây trồng"],
    ),
    (
        "cong_van",
        "pho_giam_doc",
        "Trần Văn Hùng",
        "SNN-KHTC",
        "Về việc lập dự toán ngân sách năm 2027",
        ["Lập dự toán ngân sách của đơn vị năm 2027"],
    ),
    (
        "quyet_dinh",
        "ubnd_tinh",
        "",
        "QĐ-UBND",
        "Ban hành Quy chế phối hợp quản lý an toàn thực phẩm nông lâm thủy sản",
        [
            "Kiểm tra an toàn thực phẩm cơ sở sản xuất, kinh doanh nông sản",
            "Tập huấn kiến thức an toàn thực phẩm cho cơ sở",
        ],
    ),
]
RECURRING = [
    ("Báo cáo tình hình thực hiện nhiệm vụ hằng tháng (trước ngày 20)", "monthly", 20),
    ("Báo cáo kết quả phòng, chống dịch bệnh gia súc hằng quý", "quarterly", None),
    ("Báo cáo 6 tháng về công tác bảo vệ rừng", "half_yearly", 10),
]
LEAD_UNITS = ["CCKL", "CCTL", "CCCN&TY", "CCTT&BVTV", "CCPTNT", "TTKN", "TTNS", "VPĐP", "KHTC", "QLXDCT", "VP"]
OFFICERS = ["Trần Văn Bình", "Nguyễn Thị Hoa", "Lê Quang Vinh"]


def seed(ctx):
    """Add the demo register to ctx['register_tasks'] (≈200 tasks)."""
    rng = random.Random(2026)
    cal = current_calendar()
    users, units = ctx["users"], ctx["units"]
    tracker, chief = users["theodoi"], users["chanhvanphong"]
    leads = [units[a] for a in LEAD_UNITS if a in units]
    made, number = [], 100
    while len(made) < 190:
        doc_type, issuer, name, symbol, abstract, summaries = DOCS[len(made) % len(DOCS)]
        number += rng.randint(3, 40)
        received = REFERENCE_DAY - datetime.timedelta(days=rng.randint(1, 320))
        tasks = [_task_data(rng, leads, s, received) for s in summaries]
        on = cal.add_working_days(received, rng.choice([0, 1, 1, 1, 2, 4]))  # some late (R-6.1b)
        doc, rows = operations.register_document(
            tracker,
            dict(
                number_symbol=f"{number}/{symbol}",
                doc_type=doc_type,
                issuer_kind=issuer,
                issuer_name=name,
                signer="",
                issued_on=received - datetime.timedelta(days=2),
                received_on=received,
                channel=rng.choice(["eoffice", "eoffice", "email", "giay"]),
                abstract=abstract,
                secret_level="",
                is_complex=len(summaries) > 2,
            ),
            tasks,
            cal,
            on=min(on, REFERENCE_DAY),
        )
        for task in rows:
            _advance(rng, task, tracker, chief, received)
        made.extend(rows)
    made.extend(_recurring(rng, tracker, leads, cal))
    ctx["register_secret"] = _secret(rng, users.get("baomat", tracker), leads, cal)
    ctx["register_tasks"] = made
    return ctx


def _task_data(rng, leads, summary, received):
    lead = rng.choice(leads)
    others = rng.sample([u for u in leads if u != lead], rng.choice([0, 0, 1, 2]))
    deadline = None if rng.random() < 0.1 else received + datetime.timedelta(days=rng.randint(7, 120))
    return dict(
        summary=summary,
        kind=rng.choice(["document", "report", "other"]),
        lead_unit=lead,
        other_units=others,
        deadline=deadline,
        is_key=rng.random() < 0.15,
        monitor_officer_name=rng.choice(OFFICERS),
    )


def _advance(rng, task, tracker, chief, received):
    """Move a task along the way it would have gone, with real operations and past dates."""
    roll = rng.random()
    if roll < 0.03:
        operations.return_task(
            chief,
            task,
            "Nội dung không thuộc chức năng, nhiệm vụ của Sở (khoản 2 Điều 6).",
            on=received + datetime.timedelta(days=2),
        )
        return
    if task.deadline and roll < 0.1 and task.deadline > REFERENCE_DAY - datetime.timedelta(days=30):
        operations.extend_deadline(
            chief,
            task,
            task.deadline + datetime.timedelta(days=30),
            "Phó Chủ tịch UBND tỉnh",
            "Văn bản đồng ý gia hạn của UBND tỉnh",
            task.version,
        )
        task = Task.get_by_id(task.id)
    start = received + datetime.timedelta(days=rng.randint(1, 10))
    if start < REFERENCE_DAY and rng.random() < 0.75:
        update = operations.record_progress(
            tracker, task, task.lead_unit, start, "Đơn vị đã triển khai, đang tổng hợp số liệu."
        )
        if rng.random() < 0.06:  # the Office flags an update, the unit corrects it
            operations.flag_update(chief, update, "Số liệu chưa khớp với văn bản báo cáo của đơn vị.")
            if start + datetime.timedelta(days=3) <= REFERENCE_DAY and rng.random() < 0.5:
                operations.correct_update(
                    tracker,
                    update,
                    "Điều chỉnh: số liệu theo văn bản báo cáo đã gửi.",
                    on_date=start + datetime.timedelta(days=3),
                )
        task = Task.get_by_id(task.id)
    if task.started_on and rng.random() < 0.55:
        end = (task.deadline or start) + datetime.timedelta(days=rng.randint(-15, 12))
        end = max(end, task.started_on)
        if end <= REFERENCE_DAY:
            operations.complete_task(
                tracker,
                task,
                end,
                "Đã thực hiện xong, có văn bản báo cáo.",
                f"{rng.randint(100, 999)}/BC-SNN",
                end,
                task.version,
                on=min(REFERENCE_DAY, end + datetime.timedelta(days=rng.choice([0, 1, 3]))),
            )


def _recurring(rng, tracker, leads, cal):
    made = []
    for i, (summary, recurrence, day) in enumerate(RECURRING * 3):
        received = datetime.date(2026, 1 + i, 8)
        _, rows = operations.register_document(
            tracker,
            dict(
                number_symbol=f"{20 + i}/UBND-TH",
                doc_type="cong_van",
                issuer_kind="ubnd_tinh",
                issuer_name="",
                signer="",
                issued_on=received,
                received_on=received,
                channel="eoffice",
                abstract="Về chế độ báo cáo định kỳ",
                secret_level="",
                is_complex=False,
            ),
            [
                dict(
                    summary=summary,
                    lead_unit=rng.choice(leads),
                    recurrence=recurrence,
                    recurrence_day=day,
                    kind="report",
                )
            ],
            cal,
            on=received,
        )
        made.extend(rows)
    return made


def _secret(rng, user, leads, cal):
    made = []
    for i, level in enumerate(["mat", "mat", "toi_mat", "tuyet_mat"]):
        received = REFERENCE_DAY - datetime.timedelta(days=20 * (i + 1))
        _, rows = operations.register_document(
            user,
            dict(
                number_symbol=f"{i + 1}/UBND-M",
                doc_type="cong_van",
                issuer_kind="ubnd_tinh",
                issuer_name="",
                signer="",
                issued_on=received,
                received_on=received,
                channel="giay",
                abstract="",
                secret_level=level,
                is_complex=False,
            ),
            [dict(summary="", lead_unit=rng.choice(leads), deadline=received + datetime.timedelta(days=45))],
            cal,
            on=received,
        )
        made.extend(rows)
    return made
