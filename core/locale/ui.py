"""App, page and CLI texts."""

STRINGS = {
    "app_title": {"vi": "dxmap — Bản đồ chuyển đổi số cộng đồng", "en": "dxmap — community digital transformation map"},
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "demo_badge": {"vi": "Dữ liệu minh họa", "en": "Demo data"},
    "demo_badge_help": {
        "vi": "Thôn/bản, tổ đội và hoạt động là số liệu tổng hợp (không có thật), hiệu chỉnh theo số liệu báo chí. "
        "Tên, mã đơn vị hành chính và ranh giới tỉnh, huyện là thật.",
        "en": "Villages, teams and activities are synthetic (not real), calibrated to published figures. "
        "Unit names, codes and province/district boundaries are real.",
    },
    "data_date": {"vi": "Số liệu đến ngày", "en": "Data as of"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "attribution": {
        "vi": "Tên và mã đơn vị hành chính: vietnamadminunits (MIT).",
        "en": "Unit names and codes: vietnamadminunits (MIT).",
    },
    "data_error_title": {"vi": "Không đọc được gói dữ liệu", "en": "The data package could not be read"},
    "data_error_hint": {
        "vi": "Sửa các lỗi dưới đây trong tệp nguồn rồi tải lại trang. Gói dữ liệu: {path}",
        "en": "Fix the problems below in the source files, then reload the page. Data package: {path}",
    },
    "overview_heading": {"vi": "Tổng quan tỉnh {province}", "en": "{province} province overview"},
    "kpi_villages": {"vi": "Thôn, bản", "en": "Villages"},
    "kpi_no_signal": {"vi": "Thôn chưa có sóng di động", "en": "Villages without mobile signal"},
    "kpi_no_power": {"vi": "Thôn chưa có điện lưới", "en": "Villages without grid power"},
    "kpi_not_covered": {"vi": "Thôn chưa có tổ, đội phụ trách", "en": "Villages no team covers"},
    "kpi_teams": {"vi": "Tổ, đội", "en": "Teams"},
    "kpi_members": {"vi": "Thành viên", "en": "Members"},
    "kpi_eid_level2": {"vi": "Đã định danh mức 2 (tổng)", "en": "e-ID level 2 activated (total)"},
    "kpi_eid_level2_of": {
        "vi": "{share} trong {eligible} công dân đủ điều kiện",
        "en": "{share} of {eligible} eligible citizens",
    },
    "kpi_activities": {"vi": "Hoạt động", "en": "Activities"},
    "kpi_activities_30d": {"vi": "Hoạt động 30 ngày qua", "en": "Activities in the last 30 days"},
    "kpi_weak_partial": {"vi": "{weak} thôn sóng yếu", "en": "{weak} with weak signal"},
    "kpi_partial_power": {"vi": "{partial} thôn có điện một phần", "en": "{partial} with partial power"},
    "kpi_share_of_villages": {"vi": "{share} số thôn", "en": "{share} of villages"},
    "teams_by_type": {"vi": "Tổ, đội theo loại và cấp", "en": "Teams by type and level"},
    "members_word": {"vi": "thành viên", "en": "members"},
    "col_team_type": {"vi": "Loại", "en": "Type"},
    "col_level": {"vi": "Cấp", "en": "Level"},
    "col_teams": {"vi": "Số tổ, đội", "en": "Teams"},
    "col_members": {"vi": "Số thành viên", "en": "Members"},
    "outcomes_heading": {
        "vi": "Kết quả các tổ, đội đã báo cáo (cộng dồn)",
        "en": "Results the teams reported (cumulative)",
    },
    "col_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col_total": {"vi": "Tổng", "en": "Total"},
    "not_reported": {"vi": "chưa báo cáo", "en": "not reported"},
    "gap_no_signal": {"vi": "Không có sóng di động", "en": "No mobile signal"},
    "gap_weak_signal": {"vi": "Sóng yếu", "en": "Weak signal"},
    "gap_no_power": {"vi": "Chưa có điện lưới", "en": "No grid power"},
    "gap_partial_power": {"vi": "Điện lưới một phần", "en": "Partial grid power"},
    "gap_low_smartphone": {"vi": "Ít điện thoại thông minh", "en": "Few smartphones"},
    "gap_unowned_sim": {"vi": "Nhiều sim không chính chủ", "en": "Many unregistered SIMs"},
    "team_type_community_tech": {"vi": "Tổ công nghệ số cộng đồng", "en": "Community digital tech team"},
    "team_type_youth_volunteer": {"vi": "Đội thanh niên tình nguyện", "en": "Youth volunteer team"},
    "team_type_shock_team": {"vi": "Đội xung kích", "en": "Shock team"},
    "level_province": {"vi": "Tỉnh", "en": "Province"},
    "level_district": {"vi": "Huyện", "en": "District"},
    "level_commune": {"vi": "Xã", "en": "Commune"},
    "level_village": {"vi": "Thôn", "en": "Village"},
    "outcome_vneid_installs": {"vi": "Cài đặt VNeID", "en": "VNeID installs"},
    "outcome_eid_level1": {"vi": "Kích hoạt định danh mức 1", "en": "e-ID level 1 activated"},
    "outcome_eid_level2": {"vi": "Kích hoạt định danh mức 2", "en": "e-ID level 2 activated"},
    "outcome_public_service_accounts": {"vi": "Tài khoản dịch vụ công", "en": "Public-service accounts"},
    "outcome_online_dossiers": {"vi": "Hồ sơ trực tuyến", "en": "Online dossiers"},
    "outcome_digital_signatures": {"vi": "Chữ ký số", "en": "Digital signatures"},
    "outcome_cashless_accounts": {"vi": "Tài khoản thanh toán không tiền mặt", "en": "Cashless payment accounts"},
    "outcome_smart_app_accounts": {"vi": "Tài khoản ứng dụng Smart của tỉnh", "en": "Province Smart-app accounts"},
    "outcome_e_health_books": {"vi": "Sổ sức khỏe điện tử", "en": "e-health books"},
    "outcome_vssid_installs": {"vi": "Cài đặt VssID", "en": "VssID installs"},
    "cli_demo_written": {"vi": "Đã tạo gói dữ liệu minh họa: {path}", "en": "Demo package written: {path}"},
    "cli_valid": {"vi": "Hợp lệ: {path}", "en": "Valid: {path}"},
    "cli_invalid": {"vi": "Không hợp lệ: {n} lỗi", "en": "Invalid: {n} errors"},
}

STRINGS.update(
    {
        "filter_heading": {"vi": "Bộ lọc", "en": "Filter"},
        "filter_district": {"vi": "Huyện", "en": "District"},
        "filter_commune": {"vi": "Xã, phường, thị trấn", "en": "Commune"},
        "filter_commune_2025": {"vi": "Xã, phường (từ 01/7/2025)", "en": "Commune (from 1 July 2025)"},
        "filter_all_districts": {"vi": "Toàn tỉnh", "en": "Whole province"},
        "filter_all_communes": {"vi": "Tất cả các xã", "en": "All communes"},
        "filter_period": {"vi": "Thời gian hoạt động", "en": "Activity period"},
        "filter_gaps": {"vi": "Khó khăn của thôn", "en": "Village gaps"},
        "filter_team_types": {"vi": "Loại tổ, đội", "en": "Team type"},
        "filter_reset": {"vi": "Xem toàn tỉnh", "en": "Whole province"},
        "filter_link": {"vi": "Đường dẫn mở lại đúng màn hình này", "en": "Link that reopens this view"},
        "notice_ignored": {"vi": "Đã bỏ qua trong đường dẫn: {items}", "en": "Ignored in the link: {items}"},
        "notice_unknown_district": {"vi": "không có huyện mã {value}", "en": "no district with code {value}"},
        "notice_unknown_commune": {"vi": "không có xã mã {value}", "en": "no commune with code {value}"},
        "notice_commune_outside_district": {
            "vi": "xã {value} không thuộc huyện đã chọn",
            "en": "commune {value} is not in the chosen district",
        },
        "notice_bad_date": {
            "vi": "ngày không hợp lệ «{value}» (cần dạng 2025-01-31)",
            "en": "invalid date “{value}” (expected 2025-01-31)",
        },
        "notice_period_reversed": {
            "vi": "ngày kết thúc {value} trước ngày bắt đầu",
            "en": "end date {value} is before the start date",
        },
        "notice_unknown_gap": {"vi": "không có loại khó khăn «{value}»", "en": "unknown gap “{value}”"},
        "notice_unknown_team_type": {"vi": "không có loại tổ, đội «{value}»", "en": "unknown team type “{value}”"},
        "notice_unknown_lang": {"vi": "không có ngôn ngữ «{value}»", "en": "unknown language “{value}”"},
    }
)

STRINGS.update(
    {
        "cli_matrix_columns": {
            "vi": "Tệp ma trận thời gian đi thiếu cột: {columns}",
            "en": "The travel matrix lacks columns: {columns}",
        },
    }
)

STRINGS.update(
    {  # the period choice, the idle-teams question, Streamlit's own texts
        "notice_date_out_of_range": {
            "vi": "ngày {value} nằm ngoài thời gian có dữ liệu",
            "en": "date {value} is outside the period the data covers",
        },
        "period_all": {"vi": "Toàn bộ chiến dịch", "en": "Whole campaign"},
        "period_last_month": {"vi": "Tháng cuối có dữ liệu ({month})", "en": "Last month of data ({month})"},
        "period_last_3_months": {"vi": "3 tháng cuối ({months})", "en": "Last 3 months ({months})"},
        "period_custom": {"vi": "Tùy chọn", "en": "Custom"},
        "filter_date_from": {"vi": "Từ ngày", "en": "From"},
        "filter_date_to": {"vi": "Đến ngày", "en": "To"},
        "teams_idle_in_month": {
            "vi": "Trong tháng {month}: {idle} trong {total} tổ, đội không có hoạt động nào.",
            "en": "In {month}: {idle} of {total} teams had no activity.",
        },
        "teams_idle_in_period": {
            "vi": "Trong kỳ {period}: {idle} trong {total} tổ, đội không có hoạt động nào.",
            "en": "In {period}: {idle} of {total} teams had no activity.",
        },
        "teams_idle_default_hint": {
            "vi": "Tháng cuối có đủ số liệu. Chọn thời gian khác ở thanh bên để hỏi cho kỳ khác.",
            "en": "The last full month of data. Choose another period in the sidebar to ask about it.",
        },
        "teams_idle_heading": {"vi": "Tổ, đội không hoạt động ({n})", "en": "Idle teams ({n})"},
        "teams_idle_none": {
            "vi": "Tổ, đội nào cũng có hoạt động trong kỳ này.",
            "en": "Every team had some activity in this period.",
        },
        "teams_idle_tile": {"vi": "Tổ, đội không hoạt động", "en": "Idle teams"},
        "teams_idle_note_month": {"vi": "Trong tháng {when}", "en": "In {when}"},
        "teams_idle_note_period": {"vi": "Trong kỳ {when}", "en": "In {when}"},
        "teams_all_heading": {"vi": "Tất cả tổ, đội ({n})", "en": "All teams ({n})"},
        "teams_takeaway": {
            "vi": "{idle} trong {total} tổ, đội không có hoạt động {when}; trung vị {median} người / buổi.",
            "en": "{idle} of {total} teams had no activity {when}; median {median} people per night.",
        },
        "teams_when_month": {"vi": "trong tháng {when}", "en": "in {when}"},
        "teams_when_period": {"vi": "trong kỳ {when}", "en": "in {when}"},
        "st_uploader_limit": {"vi": "Tối đa {mb} MB mỗi tệp", "en": "Limit {mb} MB per file"},
        "st_uploader_button": {"vi": "Chọn tệp", "en": "Browse files"},
        "st_stop": {"vi": "Dừng", "en": "Stop"},
        "boundaries_credit_demo": {
            "vi": "Ranh giới tỉnh, huyện: OCHA ROAP / Chính phủ Việt Nam qua geoBoundaries, CC BY 3.0 IGO; "
            "ranh giới xã: ước tính từ trung tâm xã",
            "en": "Province and district boundaries: OCHA ROAP / Government of Viet Nam via geoBoundaries, "
            "CC BY 3.0 IGO; commune boundaries: estimated from commune centres",
        },
    }
)


STRINGS.update(
    {
        # serving, and a store that cannot be read
        "serve_ready": {
            "vi": "dxmap đang chạy. Mở đường link này (có mã ghi dữ liệu của lần khởi động này, đừng chia sẻ): {url}",
            "en": "dxmap is running. Open this link (it carries this start's write token; do not share it): {url}",
        },
        "serve_port_busy": {
            "vi": "Cổng {port} đang được một chương trình khác dùng: chọn cổng khác bằng --port.",
            "en": "Port {port} is used by another program: choose another with --port.",
        },
        "store_down_title": {"vi": "Không đọc được kho dữ liệu", "en": "The data store cannot be read"},
        "store_down_sqlite": {
            "vi": "Tệp kho dữ liệu SQLite bị hỏng hoặc không phải là cơ sở dữ liệu. Kiểm tra tệp mà DATABASE_URL chỉ "
            "đến (hoặc tệp store.sqlite trong thư mục data của ứng dụng), khôi phục từ bản sao lưu rồi tải lại trang.",
            "en": "The SQLite store file is damaged or is not a database. Check the file DATABASE_URL points to (or "
            "store.sqlite in the app's data folder), restore it from a backup, then reload the page.",
        },
        "store_down_postgresql": {
            "vi": "Không kết nối được máy chủ PostgreSQL của kho dữ liệu. Kiểm tra máy chủ cơ sở dữ liệu đang chạy, "
            "mạng tới máy chủ đó và biến DATABASE_URL (địa chỉ, cổng, tên cơ sở dữ liệu, người dùng), "
            "rồi tải lại trang.",
            "en": "The store's PostgreSQL server cannot be reached. Check that the database server is running, the "
            "network to it, and DATABASE_URL (host, port, database name, user), then reload the page.",
        },
        "store_down_other": {
            "vi": "Kho dữ liệu không trả lời. Kiểm tra máy chủ cơ sở dữ liệu và biến DATABASE_URL, rồi tải lại trang.",
            "en": "The data store does not answer. Check the database server and DATABASE_URL, then reload the page.",
        },
        "store_down_no_substitute": {
            "vi": "Để tránh nhầm lẫn, ứng dụng không hiển thị dữ liệu nào khác (kể cả dữ liệu minh họa). "
            "Các trang hoạt động lại ngay khi đọc được kho dữ liệu.",
            "en": "To avoid confusion the app shows no other data (not even the demo). "
            "The pages work again as soon as the store can be read.",
        },
        "store_down_retry": {"vi": "Thử lại", "en": "Try again"},
    }
)
