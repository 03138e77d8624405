"""Field forms (XLSForm for ODK Collect / KoboToolbox): question labels, hints and messages, both languages."""

STRINGS = {
    # the activity report form
    "form_activities_title": {
        "vi": "Báo cáo hoạt động chuyển đổi số – {area}",
        "en": "Digital transformation activity report – {area}",
    },
    "form_q_date": {"vi": "Ngày thực hiện", "en": "Date"},
    "form_q_commune": {"vi": "Xã", "en": "Commune"},
    "form_q_village": {"vi": "Thôn, bản", "en": "Village"},
    "form_q_team": {"vi": "Tổ, đội thực hiện", "en": "Team"},
    "form_q_kind": {"vi": "Hình thức", "en": "Kind of activity"},
    "form_q_participants": {"vi": "Số người tham dự", "en": "Participants"},
    "form_hint_outcome": {
        "vi": "Để trống nếu không theo dõi chỉ số này (để trống khác với 0).",
        "en": "Leave blank if this is not tracked (blank is not the same as 0).",
    },
    "form_msg_not_negative": {"vi": "Số không được âm.", "en": "The number cannot be negative."},
    "form_msg_date": {
        "vi": "Ngày không được ở tương lai (và không trước năm 2000).",
        "en": "The date cannot be in the future (nor before 2000).",
    },
    "form_msg_at_most_participants": {
        "vi": "Số không được âm và không lớn hơn số người tham dự.",
        "en": "The number cannot be negative nor larger than the participants.",
    },
    # command line
    "form_cli_written": {
        "vi": "Đã tạo biểu mẫu XLSForm: {path} ({communes} xã, {villages} thôn, {teams} tổ/đội).",
        "en": "XLSForm written: {path} ({communes} communes, {villages} villages, {teams} teams).",
    },
    "form_cli_no_villages": {
        "vi": "Địa bàn đã chọn không có thôn nào: không tạo được biểu mẫu.",
        "en": "The chosen area has no villages: no form written.",
    },
    "form_cli_no_team": {
        "vi": "Không có tổ, đội {team} trong địa bàn đã chọn.",
        "en": "There is no team {team} in the chosen area.",
    },
}
