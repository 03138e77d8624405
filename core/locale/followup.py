"""Following the plan up: adopted plans, plan against done, changes since a date, pace."""

STRINGS = {
    "audit_action_plan_adopt": {"vi": "Thông qua kế hoạch tháng", "en": "Month's plan adopted"},
    "followup_bad_month": {
        "vi": "Tháng «{value}» không hợp lệ: hãy viết theo dạng NNNN-TT, ví dụ 2025-07.",
        "en": "Month «{value}» is not valid: write it as YYYY-MM, e.g. 2025-07.",
    },
    "followup_account_refused": {
        "vi": "Tài khoản «{name}» không có quyền này (không tồn tại, đã khóa hoặc chỉ được xem).",
        "en": "Account «{name}» may not do this (unknown, disabled or view-only).",
    },
    "followup_adopted": {
        "vi": "Đã thông qua kế hoạch tháng {month} (lần thông qua số {id}).",
        "en": "Plan adopted for {month} (adoption no. {id}).",
    },
    "followup_no_plan": {
        "vi": "Chưa có kế hoạch được thông qua cho tháng {month}.",
        "en": "No plan has been adopted for {month}.",
    },
    "followup_planned_pairs": {"vi": "Cặp tổ–thôn theo kế hoạch", "en": "Planned team–village pairs"},
    "followup_done_pairs": {"vi": "Đã thực hiện", "en": "Done"},
    "followup_missed_pairs": {"vi": "Chưa thực hiện", "en": "Missed"},
    "followup_unplanned_pairs": {"vi": "Ngoài kế hoạch", "en": "Unplanned"},
    "followup_people_planned": {"vi": "Số người dự kiến", "en": "People planned"},
    "followup_people_reached": {"vi": "Số người đã tiếp cận", "en": "People reached"},
    "followup_bad_date": {
        "vi": "Ngày «{value}» không hợp lệ: hãy viết dd/mm/yyyy hoặc yyyy-mm-dd.",
        "en": "Date «{value}» is not valid: write dd/mm/yyyy or yyyy-mm-dd.",
    },
    "followup_gained_signal": {"vi": "Thôn có sóng mới", "en": "Villages that gained signal"},
    "followup_lost_signal": {"vi": "Thôn mất sóng", "en": "Villages that lost signal"},
    "followup_gained_power": {"vi": "Thôn có điện lưới mới", "en": "Villages that gained grid power"},
    "followup_lost_power": {"vi": "Thôn mất điện lưới", "en": "Villages that lost grid power"},
    "followup_gained_team": {"vi": "Thôn có tổ, đội phụ trách mới", "en": "Villages that gained a team"},
    "followup_lost_team": {"vi": "Thôn không còn tổ, đội phụ trách", "en": "Villages that lost their team"},
    "followup_not_at_pace": {"vi": "chưa đạt với tốc độ này", "en": "not at this pace"},
}
