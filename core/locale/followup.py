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
    "page_followup": {"vi": "Theo dõi kế hoạch", "en": "Plan follow-up"},
    "followup_plan_heading": {"vi": "Kế hoạch và thực hiện", "en": "Plan against done"},
    "followup_no_plans": {
        "vi": "Chưa có kế hoạch tháng nào được thông qua. Thông qua kế hoạch bằng lệnh "
        "`cli.py plan --adopt --month NNNN-TT`.",
        "en": "No month's plan has been adopted yet. Adopt one with `cli.py plan --adopt --month YYYY-MM`.",
    },
    "followup_month": {"vi": "Tháng của kế hoạch", "en": "Plan month"},
    "followup_adopted_by": {
        "vi": "Kế hoạch tháng {month} do {who} thông qua ngày {when}.",
        "en": "The {month} plan was adopted by {who} on {when}.",
    },
    "followup_of_planned": {"vi": "dự kiến {n}", "en": "planned {n}"},
    "followup_share_note": {"vi": "{share} số cặp theo kế hoạch", "en": "{share} of planned pairs"},
    "followup_rules": {
        "vi": "Một cặp tổ–thôn trong kế hoạch là đã thực hiện khi tổ đó có báo cáo hoạt động tại thôn đó trong tháng, "
        "ngược lại là chưa thực hiện. Cặp có hoạt động trong tháng nhưng không có trong kế hoạch: ngoài kế hoạch "
        "({unplanned}).",
        "en": "A planned team–village pair is done when that team reported an activity in that village within the "
        "month, else missed. Pairs with an activity in the month that the plan did not name: unplanned ({unplanned}).",
    },
    "followup_tab_districts": {"vi": "Theo huyện", "en": "By district"},
    "followup_tab_teams": {"vi": "Theo tổ, đội", "en": "By team"},
    "followup_tab_missed": {"vi": "Thôn chưa thực hiện", "en": "Missed villages"},
    "followup_missed_hint": {
        "vi": "{n} cặp tổ–thôn chưa thực hiện: đưa vào kế hoạch tháng sau.",
        "en": "{n} team–village pairs missed: carry them into next month's plan.",
    },
    "followup_download": {"vi": "Tải Excel theo dõi kế hoạch", "en": "Download plan follow-up (Excel)"},
    "followup_sheet_summary": {"vi": "Tổng hợp {month}", "en": "Summary {month}"},
    "followup_sheet_teams": {"vi": "Theo tổ, đội", "en": "By team"},
    "followup_sheet_missed": {"vi": "Thôn chưa thực hiện", "en": "Missed villages"},
    "followup_no_district": {"vi": "(không rõ huyện)", "en": "(district unknown)"},
    "followup_col_district": {"vi": "Địa bàn", "en": "Area"},
    "followup_col_team": {"vi": "Tổ, đội", "en": "Team"},
    "followup_col_village": {"vi": "Thôn, bản", "en": "Village"},
    "followup_col_commune": {"vi": "Xã", "en": "Commune"},
    "followup_col_planned": {"vi": "Theo kế hoạch", "en": "Planned"},
    "followup_col_done": {"vi": "Đã thực hiện", "en": "Done"},
    "followup_col_missed": {"vi": "Chưa thực hiện", "en": "Missed"},
    "followup_col_unplanned": {"vi": "Ngoài kế hoạch", "en": "Unplanned"},
    "followup_col_share_done": {"vi": "Tỷ lệ thực hiện", "en": "Share done"},
    "followup_col_people_planned": {"vi": "Người dự kiến", "en": "People planned"},
    "followup_col_people_reached": {"vi": "Người đã tiếp cận", "en": "People reached"},
    "followup_changes_heading": {"vi": "Kể từ cuộc họp trước", "en": "Since the last meeting"},
    "followup_from": {"vi": "Từ ngày", "en": "From"},
    "followup_to": {"vi": "Đến ngày", "en": "To"},
    "followup_no_data": {"vi": "Chưa có dữ liệu.", "en": "No data yet."},
    "followup_one_version": {
        "vi": "Cả hai ngày đều đọc từ cùng một phiên bản dữ liệu (số liệu đến ngày {day}): chỉ các báo cáo hoạt động "
        "khác nhau.",
        "en": "Both dates read the same data version (data as of {day}): only the activity reports differ.",
    },
    "followup_versions": {
        "vi": "So sánh dữ liệu đến ngày {before} với dữ liệu đến ngày {after}.",
        "en": "Comparing the data as of {before} with the data as of {after}.",
    },
    "followup_team_changes": {"vi": "Thôn có / mất tổ, đội", "en": "Villages gaining / losing a team"},
    "followup_level2_change": {"vi": "Định danh mức 2 tăng thêm", "en": "Level-2 e-IDs added"},
    "followup_tab_level2": {"vi": "Định danh mức 2 theo huyện", "en": "Level-2 e-ID by district"},
    "followup_tab_villages": {"vi": "Thôn có thay đổi", "en": "Villages that changed"},
    "followup_tab_team_types": {"vi": "Hoạt động theo loại tổ, đội", "en": "Activities by team type"},
    "followup_no_village_changes": {
        "vi": "Không thôn nào thay đổi về sóng, điện hay tổ, đội phụ trách.",
        "en": "No village changed its signal, power or team.",
    },
    "followup_col_before": {"vi": "Trước", "en": "Before"},
    "followup_col_after": {"vi": "Sau", "en": "After"},
    "followup_col_change": {"vi": "Thay đổi", "en": "Change"},
    "followup_col_what": {"vi": "Thay đổi", "en": "What changed"},
    "followup_col_team_type": {"vi": "Loại tổ, đội", "en": "Team type"},
    "followup_col_activities": {"vi": "Số hoạt động", "en": "Activities"},
    "followup_col_participants": {"vi": "Số người tham dự", "en": "Participants"},
    "followup_pace_heading": {"vi": "Tốc độ và thời điểm đạt chỉ tiêu", "en": "Pace and when targets are reached"},
    "followup_head_planned": {"vi": "Kế hoạch", "en": "Planned"},
    "followup_head_share_done": {"vi": "Tỷ lệ", "en": "Share"},
    "followup_head_people_reached": {"vi": "Đã tiếp cận", "en": "Reached"},
    "followup_head_pace": {"vi": "Tăng/tháng", "en": "Per month"},
    "followup_head_months_to_visit": {"vi": "Tháng đến hết thôn", "en": "Months to visit all"},
    "followup_col_target": {"vi": "Chỉ tiêu mức 2", "en": "Level-2 target"},
    "followup_col_now": {"vi": "Hiện có", "en": "Now"},
    "followup_col_pace": {"vi": "Tăng mỗi tháng", "en": "Per month"},
    "followup_col_projected": {"vi": "Tháng đạt (khoảng)", "en": "Month reached (range)"},
    "followup_col_months_to_visit": {
        "vi": "Số tháng để đến hết thôn chưa có tổ",
        "en": "Months to visit every village without a team",
    },
    "followup_no_target": {"vi": "không có chỉ tiêu", "en": "no target"},
    "followup_reached": {"vi": "đã đạt", "en": "reached"},
    "followup_pace_how": {
        "vi": "Cách tính: tốc độ là số định danh mức 2 báo cáo mỗi tháng, trung bình 3 tháng gần nhất có số liệu; "
        "khoảng thời gian lấy theo tháng nhanh nhất và chậm nhất trong 3 tháng đó. Tháng đạt = tháng hiện tại + "
        "(chỉ tiêu − hiện có) ÷ tốc độ, làm tròn lên. Số tháng để đến hết thôn chưa có tổ = số thôn đó ÷ số thôn "
        "được đến mỗi tháng (trung bình 3 tháng).",
        "en": "How: the pace is the level-2 e-IDs reported per month, averaged over the last three months of "
        "reports; the range uses the fastest and slowest of those months. Month reached = this month + (target − "
        "now) ÷ pace, rounded up. Months to visit every village without a team = those villages ÷ villages "
        "visited a month (three-month average).",
    },
    "followup_adopt_month": {"vi": "Thông qua cho tháng", "en": "Adopt for month"},
    "followup_adopt": {"vi": "Thông qua kế hoạch tháng {month}", "en": "Adopt as the {month} plan"},
    "followup_adopt_needs_write": {
        "vi": "Thông qua kế hoạch cần quyền ghi (tài khoản lập kế hoạch, hoặc liên kết ghi của lần khởi động này).",
        "en": "Adopting the plan needs write access (an account that may plan, or this start's write link).",
    },
    "followup_carried": {
        "vi": "{n} thôn chưa thực hiện của kế hoạch tháng {month} được ưu tiên trước.",
        "en": "{n} villages missed in the {month} plan are put first.",
    },
    "demo_history_building": {
        "vi": "Lần chạy đầu: đang dựng dữ liệu minh họa có lịch sử (bốn tháng, kế hoạch tháng 7/2025 và báo cáo)…",
        "en": "First start: building the demo with its history (four months, the July 2025 plan and its reports)…",
    },
    "demo_history_built": {
        "vi": "Đã dựng dữ liệu minh họa có lịch sử trong {seconds} giây (var/demo/, dựng lại khi gói minh họa đổi).",
        "en": "Built the demo with its history in {seconds} s (var/demo/, rebuilt when the demo package changes).",
    },
    "demo_history_failed": {
        "vi": "Không dựng được dữ liệu minh họa có lịch sử ({reason}): ứng dụng mở gói minh họa không có lịch sử.",
        "en": "The demo with its history could not be built ({reason}): the app serves the demo package without it.",
    },
    "followup_store_not_empty": {
        "vi": "Kho dữ liệu đã có dữ liệu: lịch sử minh họa chỉ ghi vào kho trống.",
        "en": "The store already holds data: the demo history is written only into an empty store.",
    },
    "compare_heading": {"vi": "So sánh hai phương án", "en": "Two plans side by side"},
    "compare_pin": {"vi": "Giữ phương án này làm phương án A", "en": "Keep this plan as plan A"},
    "compare_hint": {
        "vi": "Giữ phương án đang xem làm phương án A, đổi cài đặt hoặc trọng số rồi lập lại kế hoạch: phương án "
        "mới (B) được so sánh với A.",
        "en": "Keep the plan on screen as plan A, change the settings or weights and make the plan again: the new "
        "plan (B) is compared with A.",
    },
    "compare_settings": {
        "vi": "{nights} đêm, {capacity} người/đêm, tối đa {travel} phút",
        "en": "{nights} nights, {capacity} people a night, at most {travel} minutes",
    },
    "compare_which": {"vi": "A: {a}. B (đang xem): {b}.", "en": "A: {a}. B (on screen): {b}."},
    "compare_col_measure": {"vi": "Chỉ số", "en": "Measure"},
    "compare_col_a": {"vi": "Phương án A", "en": "Plan A"},
    "compare_col_b": {"vi": "Phương án B", "en": "Plan B"},
    "compare_col_change": {"vi": "B − A", "en": "B − A"},
    "compare_col_village_change": {"vi": "Thay đổi", "en": "Change"},
    "compare_col_nights_a": {"vi": "Số đêm (A)", "en": "Nights (A)"},
    "compare_col_nights_b": {"vi": "Số đêm (B)", "en": "Nights (B)"},
    "compare_people_reached": {"vi": "Số người tiếp cận", "en": "People reached"},
    "compare_villages": {"vi": "Số thôn", "en": "Villages"},
    "compare_teams": {"vi": "Số tổ, đội", "en": "Teams"},
    "compare_team_nights": {"vi": "Số đêm làm việc của các tổ", "en": "Team-nights"},
    "compare_enters": {"vi": "Vào kế hoạch (chỉ có ở B)", "en": "Enters (in B only)"},
    "compare_leaves": {"vi": "Ra khỏi kế hoạch (chỉ có ở A)", "en": "Leaves (in A only)"},
    "compare_download": {"vi": "Tải Excel so sánh hai phương án", "en": "Download the comparison (Excel)"},
    "compare_sheet_summary": {"vi": "So sánh", "en": "Comparison"},
    "compare_sheet_villages": {"vi": "Thôn vào, ra", "en": "Villages in, out"},
    "followup_brief_heading": {
        "vi": "Theo dõi kế hoạch và kể từ cuộc họp trước",
        "en": "Plan follow-up and since the last meeting",
    },
    "followup_no_plans_brief": {
        "vi": "Chưa có kế hoạch tháng nào được thông qua.",
        "en": "No month's plan has been adopted yet.",
    },
    "followup_brief_line": {
        "vi": "Kế hoạch tháng {month}: {planned} cặp tổ–thôn, đã thực hiện {done} ({share}), chưa thực hiện "
        "{missed}, ngoài kế hoạch {unplanned}; đã tiếp cận {reached} người (dự kiến {planned_people}).",
        "en": "The {month} plan: {planned} team–village pairs, {done} done ({share}), {missed} missed, "
        "{unplanned} unplanned; {reached} people reached ({planned_people} planned).",
    },
    "followup_brief_changes": {
        "vi": "Từ {since} đến {to}: {signal} thôn có sóng mới, {power} thôn có điện lưới mới, {gained} thôn có tổ, "
        "đội mới và {lost} thôn không còn tổ, đội; định danh mức 2 tăng {level2}.",
        "en": "From {since} to {to}: {signal} villages gained signal, {power} gained grid power, {gained} gained "
        "a team and {lost} lost theirs; level-2 e-IDs grew by {level2}.",
    },
    "followup_slide_plan": {"vi": "Kế hoạch tháng {month}", "en": "The {month} plan"},
    "followup_slide_changes": {"vi": "Từ {since} đến {to}", "en": "From {since} to {to}"},
    "followup_map_title": {"vi": "Các thôn có thay đổi", "en": "Villages that changed"},
    "followup_map_changed": {"vi": "Thôn có thay đổi", "en": "Village that changed"},
    "followup_map_alt": {
        "vi": "Bản đồ {n} thôn có thay đổi về sóng, điện hoặc tổ, đội phụ trách.",
        "en": "Map of the {n} villages whose signal, power or team changed.",
    },
}
