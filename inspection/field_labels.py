"""Vietnamese labels of record fields, for the change history ("Lịch sử thay đổi").

One glossary for every part: a field missing here is shown by its code name.
Internal columns (search keys, hashes) are hidden from the history.
"""

LABELS = {
    "abbreviation": "Tên viết tắt", "abstract": "Trích yếu", "active": "Đang hoạt động",
    "agency": "Cơ quan", "aliases": "Cách viết khác", "approved_at": "Ngày phê duyệt",
    "approved_by": "Người phê duyệt", "archived_at": "Ngày lưu trữ", "attachment": "Tệp đính kèm",
    "author": "Tác giả", "cause": "Nguyên nhân", "causes": "Nguyên nhân", "channel": "Kênh tiếp nhận",
    "clearance": "Được xem sổ mật", "closed_at": "Ngày đóng hồ sơ", "closed_by": "Người đóng hồ sơ",
    "code": "Mã hồ sơ", "completed_on": "Ngày hoàn thành", "component": "Thành phần hồ sơ",
    "composition": "Thành phần", "conclusion": "Kết luận", "content": "Nội dung",
    "content_items": "Nội dung kiểm tra", "content_note": "Ghi chú nội dung", "copies": "Số bản",
    "corrects": "Sửa cho cập nhật", "deadline": "Thời hạn", "degree": "Mức độ",
    "doc_date": "Ngày văn bản", "doc_type": "Loại văn bản", "document": "Văn bản",
    "document_ref": "Văn bản căn cứ", "due_on": "Hạn", "email": "Thư điện tử", "end_on": "Ngày kết thúc",
    "flag_reason": "Lý do không chính xác", "flagged_by": "Người đánh dấu",
    "flagged_inaccurate": "Không chính xác", "form": "Hình thức", "full_name": "Họ và tên",
    "gender": "Danh xưng", "granted_by": "Người cho gia hạn", "ground": "Căn cứ",
    "ground_note": "Ghi chú căn cứ", "ground_reference": "Văn bản yêu cầu", "held_at": "Thời gian",
    "is_completed": "Đã hoàn thành", "is_complex": "Văn bản phức tạp", "is_key": "Nhiệm vụ trọng tâm",
    "is_secret": "Mật", "issued_on": "Ngày ban hành", "issuer_kind": "Cấp ban hành",
    "issuer_name": "Cơ quan ban hành", "kind": "Loại", "lead_unit": "Đơn vị chủ trì",
    "legal_grounds": "Căn cứ pháp lý", "locked_until": "Tạm khóa đến", "monitor_officer": "Chuyên viên theo dõi",
    "monitor_officer_name": "Chuyên viên theo dõi", "monitor_unit": "Phòng theo dõi", "name": "Tên",
    "nature": "Tính chất", "new_deadline": "Thời hạn mới", "note": "Ghi chú", "number": "Số",
    "number_symbol": "Số, ký hiệu", "old_deadline": "Thời hạn cũ", "on_date": "Ngày",
    "organisation": "Tổ chức thực hiện", "original_deadline": "Thời hạn ban đầu", "overview": "Khái quát",
    "pages": "Số trang", "parent": "Đơn vị cấp trên", "password": "Mật khẩu", "period_label": "Kỳ",
    "place": "Địa điểm", "position": "Thứ tự", "purpose": "Mục đích, yêu cầu", "received_on": "Ngày nhận",
    "recipients": "Nơi nhận", "recurrence": "Định kỳ", "recurrence_day": "Ngày trong kỳ",
    "registered_on": "Ngày vào sổ", "registration_due_on": "Hạn vào sổ (R-6.1b)",
    "remarks": "Ý kiến", "removed": "Đã loại", "removed_reason": "Lý do loại", "report_back_by": "Hạn báo cáo lại",
    "report_due_on": "Hạn báo cáo (R-16.2)", "reported_on": "Ngày báo cáo", "reporting": "Chế độ báo cáo",
    "responsibility": "Trách nhiệm", "result": "Kết quả", "result_doc_date": "Ngày văn bản báo cáo kết quả",
    "result_doc_number": "Số văn bản báo cáo kết quả", "result_entered_on": "Ngày cập nhật kết quả",
    "result_text": "Kết quả thực hiện", "results": "Kết quả", "retention": "Thời hạn bảo quản",
    "return_reason": "Lý do trả lại", "returned_on": "Ngày trả lại", "role": "Vai trò", "roles": "Vai trò",
    "scan": "Bản quét", "secret_level": "Độ mật", "signer": "Người ký", "signer_name": "Người ký",
    "signer_title": "Chức vụ người ký", "sort_order": "Thứ tự", "start_on": "Ngày bắt đầu",
    "started_on": "Ngày bắt đầu thực hiện", "state": "Trạng thái", "strengths": "Ưu điểm",
    "summary": "Nội dung nhiệm vụ", "text": "Nội dung", "title": "Chức vụ / tiêu đề",
    "type_and_abstract": "Tên loại và trích yếu", "unit": "Đơn vị", "unit_opinions": "Ý kiến của đơn vị",
    "units_text": "Đơn vị", "updating": "Việc cập nhật thông tin", "username": "Tên đăng nhập",
    "weaknesses": "Tồn tại, hạn chế", "window_end": "Đến ngày", "window_start": "Từ ngày",
    "working_days": "Số ngày làm việc", "year": "Năm", "password_hash": "Mật khẩu",
}

# Derived or internal columns: recomputed from other fields, meaningless to a reader.
HIDDEN = {"search_text", "number_key", "issuer_key", "issued_year", "title_folded", "version", "updated_at",
          "updated_by", "source_key", "sha256", "failed_logins", "last_login_at"}


def label(field: str) -> str:
    return LABELS.get(field, field)
