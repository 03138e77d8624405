"""What an import does row by row (the dry run) and what it changed (after the commit), on the Data page."""

STRINGS = {
    "rows_heading": {"vi": "Các dòng hoạt động trong tệp", "en": "The activity rows of the files"},
    "rows_summary": {
        "vi": "Mới: {new} · Thay bản gửi trước: {replaces} · Bỏ qua: {skipped}",
        "en": "New: {new} · Replacing an earlier submission: {replaces} · Skipped: {skipped}",
    },
    "row_outcome_new": {"vi": "Mới", "en": "New"},
    "row_outcome_replaces": {"vi": "Thay bản gửi trước", "en": "Replaces an earlier submission"},
    "row_outcome_duplicate": {"vi": "Bỏ qua: trùng", "en": "Skipped: duplicate"},
    "row_outcome_superseded": {"vi": "Bỏ qua: đã có bản sửa mới hơn", "en": "Skipped: a newer edit replaces it"},
    "row_outcome_rejected": {"vi": "Bỏ qua: bị từ chối khi duyệt", "en": "Skipped: rejected in review"},
    "rows_group_new": {"vi": "Dòng mới ({n})", "en": "New rows ({n})"},
    "rows_group_replaces": {"vi": "Dòng thay bản gửi trước ({n})", "en": "Rows replacing an earlier submission ({n})"},
    "rows_group_skipped": {"vi": "Dòng bị bỏ qua ({n})", "en": "Skipped rows ({n})"},
    "rows_col_file": {"vi": "Tệp", "en": "File"},
    "rows_col_row": {"vi": "Dòng", "en": "Row"},
    "rows_col_outcome": {"vi": "Kết quả", "en": "Outcome"},
    "rows_cut": {
        "vi": "Hiện {shown} dòng đầu trong {total} dòng.",
        "en": "The first {shown} of {total} rows are shown.",
    },
    "committed_heading": {"vi": "Số liệu đã thay đổi ({area})", "en": "Figures that changed ({area})"},
    "committed_none": {
        "vi": "Không số liệu tổng hợp nào của {area} thay đổi.",
        "en": "No headline figure of {area} changed.",
    },
    "committed_col_figure": {"vi": "Số liệu", "en": "Figure"},
    "committed_col_before": {"vi": "Trước", "en": "Before"},
    "committed_col_after": {"vi": "Sau", "en": "After"},
    "committed_col_difference": {"vi": "Thay đổi", "en": "Change"},
    "figure_villages": {"vi": "Thôn, bản", "en": "Villages"},
    "figure_teams": {"vi": "Tổ, đội", "en": "Teams"},
    "figure_activities": {"vi": "Hoạt động", "en": "Activities"},
    "figure_eid_level2": {"vi": "Đã định danh mức 2 (số liệu thôn)", "en": "e-ID level 2 (village figures)"},
    "figure_eid_level2_activities": {
        "vi": "Kích hoạt định danh mức 2 qua hoạt động",
        "en": "e-ID level 2 activated in activities",
    },
    "figure_eid_level1_activities": {
        "vi": "Kích hoạt định danh mức 1 qua hoạt động",
        "en": "e-ID level 1 activated in activities",
    },
    "figure_vneid_installs": {"vi": "Cài đặt VNeID qua hoạt động", "en": "VNeID installs in activities"},
    "committed_as_of_moved": {
        "vi": "Số liệu đến ngày {after} (trước đây: {before}).",
        "en": "Data as of {after} (before: {before}).",
    },
    "committed_to_overview": {"vi": "Xem trang Tổng quan", "en": "Open the Overview"},
}
