"""The Teams page's table of every team: its two views."""

STRINGS = {
    "teams_view_label": {"vi": "Xem bảng theo", "en": "Show the table by"},
    "teams_view_people": {"vi": "Thành viên", "en": "Members"},
    "teams_view_work": {"vi": "Hoạt động", "en": "Work"},
    "teams_head_members": {"vi": "Thành viên", "en": "Members"},
    "teams_head_villages": {"vi": "Số thôn", "en": "Villages"},
    "teams_head_per_night": {"vi": "Người/buổi", "en": "Per night"},
    "teams_head_eid2_per_night": {"vi": "Mức 2/buổi", "en": "L2/night"},
    "teams_head_last_activity": {"vi": "Lần cuối", "en": "Last active"},
    "teams_head_eligible": {"vi": "Đủ điều kiện", "en": "Eligible"},
    "teams_head_unreached": {"vi": "Chưa mức 2", "en": "No level 2"},
    "teams_head_reached": {"vi": "Tiếp cận", "en": "Reached"},
    "teams_head_nights": {"vi": "Số buổi", "en": "Nights"},
}
