"""Export texts: file names, extra column headers, the "about" sheet, field sheets, the meeting brief."""

STRINGS = {
    "exp_file_priorities": {"vi": "uu-tien", "en": "priorities"},
    "exp_file_field_sheet": {"vi": "phieu-thuc-dia", "en": "field-sheet"},
    "exp_file_brief": {"vi": "bao-cao-hop", "en": "meeting-brief"},
    "exp_sheet_villages": {"vi": "Thôn bản ưu tiên", "en": "Priority villages"},
    "exp_sheet_about": {"vi": "Thông tin", "en": "About"},
    "exp_sheet_plan": {"vi": "Kế hoạch", "en": "Plan"},
    "exp_col_village_id": {"vi": "Mã thôn, bản", "en": "Village ID"},
    "exp_col_commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "exp_col_district_code": {"vi": "Mã huyện", "en": "District code"},
    "exp_col_team_id": {"vi": "Mã tổ, đội", "en": "Team ID"},
    "exp_col_contrib": {"vi": "Điểm thành phần: {component}", "en": "Score part: {component}"},
    "exp_col_gaps": {"vi": "Khó khăn", "en": "Gaps"},
    "exp_col_travel_centre": {"vi": "Đi từ trung tâm xã (phút)", "en": "Travel from commune centre (min)"},
    "exp_col_lat": {"vi": "Vĩ độ", "en": "Latitude"},
    "exp_col_lon": {"vi": "Kinh độ", "en": "Longitude"},
    # the same words in both languages on purpose: whoever opens the file must not miss it
    "exp_demo_note": {"vi": "Dữ liệu minh họa / demo data", "en": "Demo data / dữ liệu minh họa"},
    "exp_info_title": {"vi": "Nội dung", "en": "Contents"},
    "exp_info_area": {"vi": "Phạm vi (bộ lọc)", "en": "Area (filter)"},
    "exp_info_link": {"vi": "Tham số đường dẫn", "en": "Link parameters"},
    "exp_info_rows": {"vi": "Số thôn, bản", "en": "Villages"},
    "exp_info_rows_value": {
        "vi": "{shown} trong {total} thôn, bản của phạm vi",
        "en": "{shown} of the area's {total} villages",
    },
    "exp_info_package": {"vi": "Gói dữ liệu", "en": "Data package"},
    "exp_info_source": {"vi": "Nguồn số liệu", "en": "Source"},
    "exp_info_license": {"vi": "Giấy phép", "en": "Licence"},
    "exp_info_generated": {"vi": "Thời điểm xuất", "en": "Exported at"},
    "exp_info_score": {"vi": "Điểm ưu tiên", "en": "Priority score"},
    "exp_info_score_note": {
        "vi": "0–100; bằng tổng các cột «Điểm thành phần» theo trọng số dưới đây",
        "en": "0–100; the sum of the “Score part” columns, weighted as below",
    },
    "exp_info_plan_status": {"vi": "Trạng thái kế hoạch", "en": "Plan status"},
    # field sheet
    "exp_fs_title_team": {"vi": "Phiếu thực địa — {team}", "en": "Field sheet — {team}"},
    "exp_fs_title_village": {"vi": "Phiếu thực địa — {village}", "en": "Field sheet — {village}"},
    "exp_fs_team_line": {
        "vi": "{kind} · {members} thành viên · {villages} thôn, bản · {nights} đêm",
        "en": "{kind} · {members} members · {villages} villages · {nights} nights",
    },
    "exp_fs_place": {"vi": "{commune}, {district}", "en": "{commune}, {district}"},
    "exp_fs_coords": {"vi": "Tọa độ", "en": "Coordinates"},
    "exp_fs_qr_hint": {
        "vi": "Quét mã để mở bản đồ (không cần mạng nếu đã tải bản đồ ngoại tuyến)",
        "en": "Scan to open in a map app (works offline with downloaded maps)",
    },
    "exp_fs_travel": {"vi": "Đường đi", "en": "Travel"},
    "exp_fs_travel_value": {"vi": "khoảng {minutes} phút", "en": "about {minutes} minutes"},
    "exp_fs_travel_centre": {
        "vi": "khoảng {minutes} phút từ trung tâm xã",
        "en": "about {minutes} minutes from the commune centre",
    },
    "exp_fs_stay": {"vi": "Thời gian", "en": "Stay"},
    "exp_fs_stay_value": {
        "vi": "{nights} đêm · dự kiến {people} người",
        "en": "{nights} nights · about {people} people",
    },
    "exp_fs_remaining": {
        "vi": "Còn {n} công dân chưa có định danh mức 2",
        "en": "{n} citizens still without level-2 e-ID",
    },
    "exp_fs_gaps": {"vi": "Khó khăn", "en": "Gaps"},
    "exp_fs_no_gaps": {"vi": "không có khó khăn lớn", "en": "no major gap"},
    "exp_fs_bring": {"vi": "Cần mang / cách làm", "en": "What to bring / how"},
    "exp_fs_tally": {"vi": "Kết quả (đánh dấu mỗi người một vạch)", "en": "Results (one tick per person)"},
    "exp_fs_total": {"vi": "Tổng", "en": "Total"},
    "exp_fs_sign_team": {"vi": "Tổ trưởng ký", "en": "Team lead signature"},
    "exp_fs_sign_village": {"vi": "Trưởng thôn, bản xác nhận", "en": "Village head confirms"},
    "exp_fs_footer": {
        "vi": "{area} · số liệu đến {date} · trang {page}",
        "en": "{area} · data as of {date} · page {page}",
    },
    "exp_fs_empty": {"vi": "Không có thôn, bản nào để in.", "en": "No village to print."},
    "exp_fs_rank": {"vi": "Hạng ưu tiên {rank} · điểm {score}", "en": "Priority rank {rank} · score {score}"},
    # meeting brief
    "exp_brief_title": {
        "vi": "Báo cáo chuyển đổi số cộng đồng — {area}",
        "en": "Community digital transformation — {area}",
    },
    "exp_brief_subtitle": {
        "vi": "Số liệu đến ngày {date} · in lúc {generated}",
        "en": "Data as of {date} · printed {generated}",
    },
    "exp_brief_kpis": {"vi": "Chỉ số chính", "en": "Headline figures"},
    "exp_brief_remaining": {"vi": "Công dân chưa có định danh mức 2", "en": "Citizens without level-2 e-ID"},
    "exp_brief_map": {"vi": "Bản đồ khó khăn và phạm vi phụ trách", "en": "Gaps and team coverage"},
    "exp_brief_map_ok": {"vi": "Có sóng", "en": "Has signal"},
    "exp_brief_map_uncovered": {"vi": "Chưa có tổ, đội phụ trách (viền đen)", "en": "No team covers (black ring)"},
    "exp_brief_progress": {
        "vi": "Tiến độ định danh mức 2 theo huyện so với chỉ tiêu",
        "en": "e-ID level 2 by district against target",
    },
    "exp_brief_achieved": {"vi": "Đã đạt", "en": "Achieved"},
    "exp_brief_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "exp_brief_no_target": {"vi": "Chưa có chỉ tiêu cho phạm vi này.", "en": "No target for this area."},
    "exp_brief_top": {"vi": "{n} thôn, bản ưu tiên nhất", "en": "Top {n} priority villages"},
    "exp_brief_plan": {"vi": "Kế hoạch đề xuất", "en": "Proposed plan"},
    "exp_brief_plan_line": {
        "vi": "{teams} tổ, đội · {villages} thôn, bản · {nights} đêm · dự kiến {people} người",
        "en": "{teams} teams · {villages} villages · {nights} nights · about {people} people",
    },
    "exp_brief_no_plan": {
        "vi": "Chưa lập kế hoạch: bấm «Lập kế hoạch tối ưu» ở trang Ưu tiên, rồi xuất lại.",
        "en": "No plan yet: use “Build the optimal plan” on the Priorities page, then export again.",
    },
    "exp_brief_page": {"vi": "Trang {page}/{pages}", "en": "Page {page}/{pages}"},
    # buttons and command line
    "exp_heading": {"vi": "Xuất dữ liệu", "en": "Export"},
    "exp_caption": {
        "vi": "Tệp được tạo khi bấm, theo đúng bộ lọc và trọng số đang chọn ({area}).",
        "en": "Files are made when you click, for the current filter and weights ({area}).",
    },
    "exp_btn_xlsx": {"vi": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "exp_btn_csv": {"vi": "CSV", "en": "CSV"},
    "exp_btn_geojson": {"vi": "GeoJSON (QGIS)", "en": "GeoJSON (QGIS)"},
    "exp_btn_kml": {"vi": "KML (Google Earth, OsmAnd)", "en": "KML (Google Earth, OsmAnd)"},
    "exp_btn_field_sheet": {"vi": "Phiếu thực địa (PDF)", "en": "Field sheets (PDF)"},
    "exp_btn_brief": {"vi": "Báo cáo họp (PDF)", "en": "Meeting brief (PDF)"},
    "exp_field_sheet_help": {
        "vi": "Mỗi tổ, đội một trang theo kế hoạch; chưa có kế hoạch thì mỗi thôn một trang ({n} thôn đầu danh sách).",
        "en": "One page per team of the plan; without a plan, one page per village (the first {n}).",
    },
    "exp_cli_written": {"vi": "Đã ghi {path} ({n} thôn, bản)", "en": "Wrote {path} ({n} villages)"},
    "exp_cli_brief_written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
}

STRINGS.update(
    {  # field sheets made with progress (a province plan is ~400 pages)
        "exp_fs_make": {"vi": "Tạo phiếu thực địa (PDF)", "en": "Make field sheets (PDF)"},
        "exp_fs_download": {
            "vi": "Tải phiếu thực địa (PDF, {pages} trang)",
            "en": "Download field sheets (PDF, {pages} pages)",
        },
        "exp_fs_progress": {
            "vi": "Đang tạo phiếu thực địa… {done}/{total} phiếu",
            "en": "Making field sheets… {done}/{total} sheets",
        },
    }
)
