"""Labels for how pages lay out long content (the Data page's problem list, the ranked villages' columns) and
the words shown for each accepted value of a category column."""

STRINGS = {
    "layout_problems_more": {
        "vi": "Hiển thị {shown} trên {n} lỗi và cảnh báo; danh sách đầy đủ có trong tệp tải về (.xlsx).",
        "en": "Showing {shown} of {n} problems and warnings; the downloaded workbook (.xlsx) has them all.",
    },
}
# what a category value means, in the confirm table's choices (`choice_{column}_{canonical value}`)
STRINGS |= {
    "choice_grid_electricity_yes": {"vi": "Có điện lưới", "en": "Grid power"},
    "choice_grid_electricity_partial": {"vi": "Có điện lưới một phần", "en": "Partial grid power"},
    "choice_grid_electricity_no": {"vi": "Không có điện lưới", "en": "No grid power"},
    "choice_mobile_signal_none": {"vi": "Không có sóng", "en": "No signal"},
    "choice_mobile_signal_weak": {"vi": "Sóng yếu", "en": "Weak signal"},
    "choice_mobile_signal_3g": {"vi": "Sóng 3G", "en": "3G signal"},
    "choice_mobile_signal_4g": {"vi": "Sóng 4G", "en": "4G signal"},
    "choice_team_type_community_tech": {"vi": "Tổ công nghệ số cộng đồng", "en": "Community digital tech team"},
    "choice_team_type_youth_volunteer": {"vi": "Đội thanh niên tình nguyện", "en": "Youth volunteer team"},
    "choice_team_type_shock_team": {"vi": "Đội xung kích", "en": "Shock team"},
    "choice_level_province": {"vi": "Cấp tỉnh", "en": "Province level"},
    "choice_level_district": {"vi": "Cấp huyện", "en": "District level"},
    "choice_level_commune": {"vi": "Cấp xã", "en": "Commune level"},
    "choice_level_village": {"vi": "Cấp thôn, bản", "en": "Village level"},
    "choice_kind_door_to_door": {"vi": "Đến từng hộ", "en": "Door to door"},
    "choice_kind_session": {"vi": "Hướng dẫn tập trung", "en": "Group session"},
    "choice_kind_meeting": {"vi": "Họp thôn, bản", "en": "Village meeting"},
    "choice_kind_training": {"vi": "Tập huấn", "en": "Training"},
}
# the ranked villages: short headers (their help gives the whole name), two views that each fit 1366 px, and a
# short name for each intervention (the whole advice is listed under the table, in the plan and the exports)
STRINGS |= {
    "prio_view_label": {"vi": "Xem", "en": "Show"},
    "prio_view_why": {"vi": "Điểm và lý do", "en": "Score and why"},
    "prio_view_do": {"vi": "Đề xuất và tổ, đội", "en": "Interventions and teams"},
    "prio_head_score": {"vi": "Điểm", "en": "Score"},
    "prio_head_score_help": {
        "vi": "Điểm ưu tiên (0–100): tổng đóng góp có trọng số của các yếu tố.",
        "en": "Priority score (0–100): the sum of the factors' weighted contributions.",
    },
    "prio_head_why_help": {
        "vi": "Mỗi cột nhỏ là đóng góp của một yếu tố, theo thứ tự ghi ở trên bảng.",
        "en": "Each bar is one factor's contribution, in the order listed above the table.",
    },
    "prio_head_remaining": {"vi": "Chưa có mức 2", "en": "Without level 2"},
    "prio_head_remaining_help": {
        "vi": "Số công dân chưa có định danh điện tử mức 2.",
        "en": "Citizens without a level-2 e-ID.",
    },
    "prio_head_do_help": {
        "vi": "Tên ngắn của các đề xuất; nội dung đầy đủ ở mục bên dưới bảng.",
        "en": "Short names of the interventions; the full advice is listed under the table.",
    },
    "prio_head_teams": {"vi": "Tổ, đội", "en": "Teams"},
    "prio_head_teams_help": {
        "vi": "Mã các tổ, đội đang phụ trách thôn, bản (trống: chưa có tổ, đội nào).",
        "en": "Codes of the teams covering the village (blank: none yet).",
    },
    "prio_do_legend": {"vi": "Nội dung đầy đủ của các đề xuất", "en": "The interventions in full"},
    "prio_short_offline_visit": {"vi": "Hồ sơ ngoại tuyến", "en": "Offline enrolment"},
    "prio_short_signal_point": {"vi": "Điểm có sóng", "en": "Best-signal spot"},
    "prio_short_daytime_power_banks": {"vi": "Ban ngày, sạc dự phòng", "en": "Daytime, power banks"},
    "prio_short_daytime_session": {"vi": "Buổi ngày", "en": "Daytime"},
    "prio_short_team_devices": {"vi": "Máy của tổ, đội", "en": "Team phones"},
    "prio_short_sim_drive": {"vi": "Sim chính chủ", "en": "SIM registration"},
    "prio_short_bilingual_member": {"vi": "Người biết tiếng dân tộc", "en": "Bilingual member"},
    "prio_short_evening_session": {"vi": "Buổi tối", "en": "Evening"},
    "prio_short_door_to_door": {"vi": "Từng hộ", "en": "Door to door"},
}
# the plan's table of team → village rows and the solver's status, in the page's language
STRINGS |= {
    "plan_head_people": {"vi": "Số người", "en": "People"},
    "plan_head_travel": {"vi": "Đi (phút)", "en": "Travel (min)"},
    "plan_head_do_help": {
        "vi": "Tên ngắn của các đề xuất; nội dung đầy đủ có trong phiếu thực địa và tệp xuất.",
        "en": "Short names of the interventions; the field sheets and exports give them in full.",
    },
    "plan_status_optimal": {"vi": "tối ưu", "en": "optimal"},
    "plan_status_optimal_within": {
        "vi": "tối ưu trong sai số cho phép ({tolerance})",
        "en": "optimal within the allowed gap ({tolerance})",
    },
    "plan_status_time_limit": {"vi": "dừng khi hết thời gian", "en": "stopped at the time limit"},
    "plan_status_empty": {"vi": "không có gì để xếp", "en": "nothing to plan"},
    "plan_status_other": {"vi": "khác ({status})", "en": "other ({status})"},
}
