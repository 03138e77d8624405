"""Priorities and deployment plan texts."""

STRINGS = {
    "page_priorities": {"vi": "Ưu tiên & kế hoạch", "en": "Priorities & plan"},
    "intervention_offline_visit": {
        "vi": "Đến tận nơi, làm hồ sơ ngoại tuyến với biểu mẫu điền sẵn; đề nghị nhà mạng phủ sóng",
        "en": "Offline enrolment visit with pre-filled forms; ask the carrier for coverage",
    },
    "intervention_signal_point": {
        "vi": "Làm việc tại điểm có sóng tốt nhất của bản",
        "en": "Work from the village's best-signal spot",
    },
    "intervention_daytime_power_banks": {
        "vi": "Tổ chức ban ngày, mang sạc dự phòng",
        "en": "Daytime session, bring power banks",
    },
    "intervention_daytime_session": {
        "vi": "Ưu tiên buổi ngày (điện chập chờn)",
        "en": "Prefer daytime (unreliable power)",
    },
    "intervention_team_devices": {
        "vi": "Dùng điện thoại của thành viên tổ, đội để cài đặt",
        "en": "Use team members' own phones",
    },
    "intervention_sim_drive": {
        "vi": "Phối hợp nhà mạng chuẩn hóa thông tin thuê bao (sim chính chủ)",
        "en": "SIM re-registration drive with the carrier",
    },
    "intervention_bilingual_member": {"vi": "Có thành viên biết tiếng dân tộc", "en": "Bring a bilingual member"},
    "intervention_evening_session": {
        "vi": "Tổ chức buổi tối (bà con làm nương ban ngày)",
        "en": "Evening session (people farm by day)",
    },
    "intervention_door_to_door": {"vi": "Đến từng hộ hướng dẫn", "en": "Door-to-door guidance"},
    "component_remaining": {"vi": "Công dân chưa có định danh mức 2", "en": "Citizens without level-2 e-ID"},
    "component_signal": {"vi": "Sóng di động", "en": "Mobile signal"},
    "component_power": {"vi": "Điện lưới", "en": "Grid power"},
    "component_smartphone": {"vi": "Thiếu điện thoại thông minh", "en": "Few smartphones"},
    "component_sim": {"vi": "Sim không chính chủ", "en": "Unregistered SIMs"},
    "component_minority": {"vi": "Đồng bào dân tộc thiểu số", "en": "Ethnic-minority share"},
    "component_uncovered": {"vi": "Chưa có tổ, đội phụ trách", "en": "Not covered by a team"},
    "component_travel": {"vi": "Đường xa", "en": "Travel time"},
    "preset_balanced": {"vi": "Cân bằng (mặc định)", "en": "Balanced (default)"},
    "preset_reach_most": {"vi": "Tiếp cận nhiều người nhất", "en": "Reach the most people"},
    "preset_hardest_first": {"vi": "Nơi khó khăn nhất trước", "en": "Hardest places first"},
    "preset_no_one_left_behind": {"vi": "Không để ai bị bỏ lại", "en": "No one left behind"},
    "preset_custom": {"vi": "Tùy chỉnh", "en": "Custom"},
}

STRINGS.update(
    {
        "priorities_heading": {
            "vi": "Ưu tiên thôn, bản và kế hoạch triển khai",
            "en": "Village priorities and deployment plan",
        },
        "weights_heading": {"vi": "Trọng số", "en": "Weights"},
        "weights_preset": {"vi": "Cách ưu tiên", "en": "Priority preset"},
        "weights_help": {
            "vi": "Điểm ưu tiên (0–100) là tổng đóng góp của từng yếu tố theo trọng số.",
            "en": "The priority score (0–100) is the sum of each factor's weighted contribution.",
        },
        "ranked_heading": {"vi": "Danh sách thôn, bản ưu tiên", "en": "Priority villages"},
        "ranked_caption": {
            "vi": "{n} thôn, bản · cột «Vì sao» cho thấy đóng góp của từng yếu tố: {legend}",
            "en": "{n} villages · the “Why” column shows each factor's contribution: {legend}",
        },
        "col_rank": {"vi": "Hạng", "en": "Rank"},
        "col_score": {"vi": "Điểm ưu tiên", "en": "Priority score"},
        "col_why": {"vi": "Vì sao", "en": "Why"},
        "col_remaining": {"vi": "Công dân chưa có mức 2", "en": "Citizens without level 2"},
        "col_intervention": {"vi": "Đề xuất", "en": "Recommended intervention"},
        "col_covering_teams": {"vi": "Tổ, đội phụ trách", "en": "Covering teams"},
        "col_nights": {"vi": "Số đêm", "en": "Nights"},
        "col_expected_people": {"vi": "Dự kiến số người", "en": "Expected people"},
        "col_travel_minutes": {"vi": "Thời gian đi (phút)", "en": "Travel (minutes)"},
        "plan_heading": {"vi": "Kế hoạch triển khai kỳ tới", "en": "Next period's deployment plan"},
        "plan_settings": {"vi": "Thông số kế hoạch", "en": "Plan settings"},
        "plan_nights": {"vi": "Số đêm mỗi tổ, đội (khi chưa khai báo)", "en": "Nights per team (when not given)"},
        "plan_capacity": {"vi": "Số người mỗi đêm (khi chưa khai báo)", "en": "People per night (when not given)"},
        "plan_max_travel": {"vi": "Thời gian đi tối đa (phút, một chiều)", "en": "Maximum travel (minutes, one way)"},
        "plan_stay_in_area": {"vi": "Tổ, đội chỉ đi trong địa bàn của mình", "en": "Teams stay in their own area"},
        "plan_run": {"vi": "Lập kế hoạch tối ưu", "en": "Build the optimal plan"},
        "plan_solving": {"vi": "Đang tính kế hoạch tối ưu…", "en": "Solving the optimal plan…"},
        "plan_objective": {"vi": "Giá trị kế hoạch", "en": "Plan value"},
        "plan_people": {"vi": "Số người dự kiến tiếp cận", "en": "People expected to be reached"},
        "plan_gap": {"vi": "Sai số so với tối ưu", "en": "Optimality gap"},
        "plan_gain": {"vi": "Hơn cách chọn tham lam", "en": "Better than the greedy rule"},
        "plan_detail": {
            "vi": "Cận trên {bound} · giải trong {seconds} giây · trạng thái: {status} · cách tham lam: {greedy}",
            "en": "Upper bound {bound} · solved in {seconds} s · status: {status} · greedy rule: {greedy}",
        },
        "plan_empty": {
            "vi": "Không có tổ, đội nào đến được thôn nào trong giới hạn đã chọn.",
            "en": "No team can reach any village within the chosen limits.",
        },
        "plan_by_district": {"vi": "Theo huyện", "en": "By district"},
        "plan_table": {"vi": "Tổ, đội → thôn, bản", "en": "Team → village"},
        "no_villages": {"vi": "Không có thôn, bản nào trong phạm vi đã lọc.", "en": "No village in the filtered area."},
        "notice_bad_weights": {"vi": "trọng số không hợp lệ «{value}»", "en": "invalid weights “{value}”"},
        "notice_unknown_preset": {"vi": "không có cách ưu tiên «{value}»", "en": "unknown preset “{value}”"},
    }
)

STRINGS.update(
    {
        "prio_col_village": {"vi": "Thôn, bản", "en": "Village"},
        "prio_col_commune": {"vi": "Xã", "en": "Commune"},
        "prio_col_district": {"vi": "Huyện", "en": "District"},
        "prio_col_team": {"vi": "Tổ, đội", "en": "Team"},
    }
)

STRINGS.update(
    {  # the plan map's legend
        "plan_legend_nights": {"vi": "Số đêm tại thôn, bản:", "en": "Nights in the village:"},
        "plan_legend_nights_range": {"vi": "{low}–{high} đêm", "en": "{low}–{high} nights"},
        "plan_legend_nights_more": {"vi": "trên {n} đêm", "en": "more than {n} nights"},
        "plan_legend_trip": {"vi": "Tổ, đội đi đến thôn, bản", "en": "Team's trip to the village"},
    }
)

STRINGS.update(
    {
        "plan_objective_help": {
            "vi": "Tổng điểm ưu tiên × số người dự kiến tiếp cận của mọi thôn, bản trong kế hoạch.",
            "en": "Sum of priority score × people expected to be reached over the plan's villages.",
        },
    }
)
