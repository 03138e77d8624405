"""Texts of the Indicators and Teams pages, the charts, their takeaways and the projector mode."""

STRINGS = {
    "page_indicators": {"vi": "Chỉ số", "en": "Indicators"},
    "page_teams": {"vi": "Đội hình", "en": "Teams"},
    # indicator page
    "ind_choose": {"vi": "Chỉ số", "en": "Indicator"},
    "ind_breakdown_by": {"vi": "Chia theo", "en": "Break down by"},
    "ind_by_district": {"vi": "Huyện", "en": "District"},
    "ind_by_commune": {"vi": "Xã", "en": "Commune"},
    "ind_by_team_type": {"vi": "Loại tổ, đội", "en": "Team type"},
    "ind_by_kind": {"vi": "Hình thức", "en": "Activity kind"},
    "ind_kind_door_to_door": {"vi": "Đến từng hộ", "en": "Door to door"},
    "ind_kind_session": {"vi": "Hướng dẫn tập trung", "en": "Group session"},
    "ind_kind_meeting": {"vi": "Họp thôn, bản", "en": "Village meeting"},
    "ind_kind_training": {"vi": "Tập huấn", "en": "Training"},
    "ind_kpi_level2_share": {"vi": "Mức 2 / đủ điều kiện", "en": "Level 2 / eligible"},
    "ind_kpi_target_share": {"vi": "Chỉ tiêu mức 2 ({date})", "en": "Level-2 target ({date})"},
    "ind_kpi_reported": {"vi": "{indicator}", "en": "{indicator}"},
    "ind_kpi_activities": {"vi": "Hoạt động trong kỳ", "en": "Activities in the period"},
    "ind_kpi_activities_note": {
        "vi": "đã báo cáo; {missing} hoạt động chưa báo cáo",
        "en": "reported; {missing} activities did not report it",
    },
    "ind_kpi_target_note": {"vi": "{achieved} / {target}", "en": "{achieved} / {target}"},
    "ind_province_targets": {"vi": "Tiến độ chỉ tiêu của tỉnh", "en": "Province targets"},
    "ind_province_targets_partial": {
        "vi": "Chỉ tiêu đặt cho toàn tỉnh: khi đang lọc, số đạt được chỉ tính trong phạm vi lọc.",
        "en": "Targets are for the whole province: while filtered, the achieved figure covers the filtered area only.",
    },
    "ind_not_reported_note": {
        "vi": "Ô để trống trong báo cáo nghĩa là «chưa báo cáo», không tính là 0.",
        "en": "A blank count in a report means “not reported”; it is never counted as 0.",
    },
    # chart titles and axes
    "ch_progress_title": {
        "vi": "Đã định danh mức 2 (tổng) so với chỉ tiêu đến {date}, theo huyện",
        "en": "e-ID level 2 activated (total) against the target for {date}, by district",
    },
    "ch_progress_title_eligible": {
        "vi": "{indicator} so với công dân đủ điều kiện, theo {level}",
        "en": "{indicator} against eligible citizens, by {level}",
    },
    "ch_share_of_target": {"vi": "Tỷ lệ đạt chỉ tiêu", "en": "Share of target"},
    "ch_share_of_eligible": {"vi": "Tỷ lệ so với công dân đủ điều kiện", "en": "Share of eligible citizens"},
    "ch_target_line": {"vi": "Chỉ tiêu", "en": "Target"},
    "ch_trend_title": {
        "vi": "{indicator}: số báo cáo theo tháng và cộng dồn",
        "en": "{indicator}: reported per month and cumulative",
    },
    "ch_month": {"vi": "Tháng", "en": "Month"},
    "ch_monthly": {"vi": "Trong tháng", "en": "In the month"},
    "ch_cumulative": {"vi": "Cộng dồn", "en": "Cumulative"},
    "ch_breakdown_title": {"vi": "{indicator} theo {by}", "en": "{indicator} by {by}"},
    "ch_reported": {"vi": "Đã báo cáo", "en": "Reported"},
    "ch_gap_title": {
        "vi": "Thôn có khó khăn: có và chưa có tổ, đội phụ trách",
        "en": "Villages with a gap: covered and not covered by a team",
    },
    "ch_covered": {"vi": "Có tổ, đội phụ trách", "en": "Covered by a team"},
    "ch_not_covered": {"vi": "Chưa có tổ, đội", "en": "No team"},
    "ch_villages": {"vi": "Số thôn", "en": "Villages"},
    "ch_quadrant_title": {
        "vi": "Hiệu quả: người chưa kích hoạt mức 2 và công sức của tổ, đội, theo xã",
        "en": "Effectiveness: citizens without level 2 against team effort, by commune",
    },
    "ch_team_nights": {"vi": "Số buổi tối làm việc của tổ, đội trong kỳ", "en": "Team-nights in the period"},
    "ch_unreached": {"vi": "Công dân chưa kích hoạt mức 2", "en": "Eligible citizens without level 2"},
    "ind_quadrant_high_need_low_effort": {
        "vi": "Nhiều người chưa kích hoạt, ít công sức",
        "en": "High need, little effort",
    },
    "ind_quadrant_high_need_high_effort": {
        "vi": "Nhiều người chưa kích hoạt, nhiều công sức",
        "en": "High need, much effort",
    },
    "ind_quadrant_low_need_high_effort": {
        "vi": "Ít người chưa kích hoạt, nhiều công sức",
        "en": "Low need, much effort",
    },
    "ind_quadrant_low_need_low_effort": {"vi": "Ít người chưa kích hoạt, ít công sức", "en": "Low need, little effort"},
    "ch_productivity_title": {
        "vi": "Số người tiếp cận mỗi buổi tối làm việc, theo loại tổ, đội",
        "en": "People reached per team-night, by team type",
    },
    "ch_people_per_night": {"vi": "Người / buổi", "en": "People / night"},
    "ch_map_title": {"vi": "Thôn, bản theo mức độ phủ của tổ, đội", "en": "Villages by team coverage"},
    "ch_team_map_title": {"vi": "Các thôn do {team} phụ trách", "en": "Villages covered by {team}"},
    "ch_no_data": {"vi": "Không có số liệu trong phạm vi đã chọn", "en": "No data for the chosen area and period"},
    # chart block
    "chart_table": {"vi": "Xem bảng số liệu", "en": "Show the data table"},
    "chart_download": {"vi": "Tải CSV", "en": "Download CSV"},
    # takeaways
    "tk_no_data": {"vi": "Chưa có số liệu trong phạm vi đã chọn.", "en": "No data for the chosen area and period."},
    "tk_progress_lowest": {
        "vi": "{name}: đạt {share} chỉ tiêu, thấp nhất (cao nhất: {best}, {best_share}).",
        "en": "{name}: {share} of target, lowest (highest: {best}, {best_share}).",
    },
    "tk_progress_one": {"vi": "{name}: đạt {share} chỉ tiêu.", "en": "{name}: {share} of target."},
    "tk_progress_no_target": {
        "vi": "Thấp nhất: {name}, {share} công dân đủ điều kiện đã kích hoạt.",
        "en": "Lowest: {name}, {share} of eligible citizens activated.",
    },
    "tk_trend": {
        "vi": "{indicator}, tháng {month}: {n} (cộng dồn {total}); {missing} trong {activities} hoạt động "
        "chưa báo cáo.",
        "en": "{indicator}, {month}: {n} (cumulative {total}); {missing} of {activities} activities did not report.",
    },
    "tk_trend_none": {
        "vi": "Chưa hoạt động nào báo cáo {indicator} trong kỳ.",
        "en": "No activity reported {indicator} in the period.",
    },
    "tk_breakdown": {
        "vi": "{name} đóng góp nhiều nhất: {n} ({share} tổng số đã báo cáo).",
        "en": "{name} contributed most: {n} ({share} of all reported).",
    },
    "tk_gaps": {
        "vi": "{n} trong {total} thôn {gap} chưa có tổ, đội phụ trách.",
        "en": "{n} of {total} villages with {gap} have no team.",
    },
    "tk_gaps_all_covered": {
        "vi": "Mọi thôn có khó khăn đều đã có tổ, đội phụ trách.",
        "en": "Every village with a gap has a team.",
    },
    "tk_quadrant": {
        "vi": "{n} xã nhiều người chưa kích hoạt nhưng ít công sức: {names}.",
        "en": "{n} communes with high need and little effort: {names}.",
    },
    "tk_map_uncovered": {
        "vi": "{n} thôn chưa có tổ, đội phụ trách (chấm đỏ cam).",
        "en": "{n} villages have no team (vermillion dots).",
    },
    "alt_coverage_map": {
        "vi": "Bản đồ độ phủ: {n} thôn chưa có tổ, đội phụ trách, tập trung nhiều nhất ở {where}; {covered} thôn đã có.",
        "en": "Coverage map: {n} villages have no team, most of them in {where}; {covered} villages have one.",
    },
    "alt_coverage_map_all": {
        "vi": "Bản đồ độ phủ: cả {covered} thôn đều đã có tổ, đội phụ trách.",
        "en": "Coverage map: all {covered} villages have a team.",
    },
    "alt_trend_chart": {
        "vi": "Biểu đồ cột và đường: {indicator} theo tháng, từ {first} đến {last}; tháng nhiều nhất {peak_month} "
        "với {peak}; cộng dồn đến {last} là {total}.",
        "en": "Bar and line chart: {indicator} per month, {first} to {last}; the highest month {peak_month} with "
        "{peak}; cumulative to {last}: {total}.",
    },
    "alt_team_map": {
        "vi": "Bản đồ: {n} thôn do {team} phụ trách, ở {where}.",
        "en": "Map: {n} villages covered by {team}, in {where}.",
    },
    "alt_and": {"vi": " và ", "en": " and "},
    "tk_quadrant_none": {
        "vi": "Không có xã nào vừa nhiều người chưa kích hoạt vừa ít công sức.",
        "en": "No commune has both high need and little effort.",
    },
    # teams page
    "teams_kpi_idle": {"vi": "Tổ, đội không hoạt động trong kỳ", "en": "Teams with no activity in the period"},
    "teams_kpi_members_note": {
        "vi": "{youth} ĐVTN · {women} hội viên phụ nữ · {trained} đã tập huấn",
        "en": "{youth} youth · {women} women · {trained} trained",
    },
    "teams_kpi_per_night": {"vi": "Người tiếp cận / buổi (trung vị)", "en": "People reached per night (median)"},
    "teams_all": {"vi": "Tất cả tổ, đội", "en": "All teams"},
    "teams_only_idle": {"vi": "Chỉ tổ, đội không hoạt động trong kỳ", "en": "Only teams with no activity"},
    "teams_search": {"vi": "Tìm tổ, đội", "en": "Search teams"},
    "teams_uncovered": {"vi": "Thôn chưa có tổ, đội phụ trách", "en": "Villages no team covers"},
    "teams_detail": {"vi": "Chi tiết một tổ, đội", "en": "One team in detail"},
    "teams_choose": {"vi": "Chọn tổ, đội", "en": "Choose a team"},
    "teams_no_villages": {
        "vi": "Tổ, đội này chưa được giao thôn nào trong phạm vi đã chọn.",
        "en": "This team covers no village in the chosen area.",
    },
    "ind_col_team": {"vi": "Tổ, đội", "en": "Team"},
    "ind_col_base": {"vi": "Địa bàn", "en": "Base"},
    "ind_col_youth": {"vi": "ĐVTN", "en": "Youth"},
    "ind_col_women": {"vi": "Phụ nữ", "en": "Women"},
    "ind_col_trained": {"vi": "Đã tập huấn", "en": "Trained"},
    "ind_col_villages_covered": {"vi": "Thôn phụ trách", "en": "Villages covered"},
    "ind_col_activities": {"vi": "Hoạt động", "en": "Activities"},
    "ind_col_team_nights": {"vi": "Buổi làm việc", "en": "Team-nights"},
    "ind_col_people_reached": {"vi": "Người tiếp cận", "en": "People reached"},
    "ind_col_people_per_night": {"vi": "Người / buổi", "en": "People / night"},
    "ind_col_eid2_per_night": {"vi": "Mức 2 / buổi", "en": "Level 2 / night"},
    "ind_col_last_activity": {"vi": "Hoạt động gần nhất", "en": "Last activity"},
    "ind_col_village": {"vi": "Thôn, bản", "en": "Village"},
    "ind_col_commune": {"vi": "Xã", "en": "Commune"},
    "ind_col_district": {"vi": "Huyện", "en": "District"},
    "ind_col_eligible": {"vi": "Công dân đủ điều kiện", "en": "Eligible citizens"},
    "ind_col_unreached": {"vi": "Chưa kích hoạt mức 2", "en": "Without level 2"},
    "ind_col_gaps": {"vi": "Khó khăn", "en": "Gaps"},
    "ind_col_area": {"vi": "Địa bàn", "en": "Area"},
    "ind_col_achieved": {"vi": "Đạt được", "en": "Achieved"},
    "ind_col_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "ind_col_share_of_target": {"vi": "Tỷ lệ đạt chỉ tiêu", "en": "Share of target"},
    "ind_col_share_of_eligible": {"vi": "Tỷ lệ / đủ điều kiện", "en": "Share of eligible"},
    "ind_col_month": {"vi": "Tháng", "en": "Month"},
    "ind_col_reported": {"vi": "Đã báo cáo", "en": "Reported"},
    "ind_col_cumulative": {"vi": "Cộng dồn", "en": "Cumulative"},
    "ind_col_not_reported": {"vi": "Hoạt động chưa báo cáo", "en": "Activities not reporting"},
    "ind_col_gap": {"vi": "Khó khăn", "en": "Gap"},
    "ind_col_covered": {"vi": "Có tổ, đội", "en": "Covered"},
    "ind_col_not_covered": {"vi": "Chưa có tổ, đội", "en": "Not covered"},
    "ind_col_share_covered": {"vi": "Tỷ lệ có tổ, đội", "en": "Share covered"},
    "ind_col_quadrant": {"vi": "Nhóm", "en": "Group"},
    "ind_col_period_end": {"vi": "Hạn", "en": "Due"},
    # overview additions
    "ov_trend_heading": {"vi": "Xu hướng", "en": "Trend"},
    "ov_map_heading": {"vi": "Bản đồ thu nhỏ", "en": "Map thumbnail"},
    # what teams reported vs the total at the data date: one name each, so the two numbers never share a label
    "ind_eid_level2_reported": {
        "vi": "Kích hoạt mức 2 do tổ, đội báo cáo",
        "en": "Level-2 activations reported by teams",
    },
    "ind_col_indicator": {"vi": "Chỉ số", "en": "Indicator"},
    # projector mode
    "present_toggle": {"vi": "Chế độ trình chiếu", "en": "Projector mode"},
    "present_menu": {"vi": "Menu", "en": "Menu"},
    "present_show_controls": {"vi": "Hiện điều hướng và bộ lọc", "en": "Show navigation and filters"},
    "present_exit": {"vi": "Thoát chế độ trình chiếu", "en": "Leave projector mode"},
    "present_prev": {"vi": "Trang trước", "en": "Previous"},
    "present_next": {"vi": "Trang sau", "en": "Next"},
    "present_keys": {
        "vi": "Phím ← → (hoặc PageUp / PageDown) để chuyển trang",
        "en": "Keys ← → (or PageUp / PageDown) change slides",
    },
}
