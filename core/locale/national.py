"""The whole-country package and the whole-country plan (command line)."""

STRINGS = {
    "national_demo_written": {
        "vi": "Đã tạo gói dữ liệu minh họa toàn quốc ({villages} thôn, {teams} tổ, đội): {path}",
        "en": "National demo package written ({villages} villages, {teams} teams): {path}",
    },
    "national_unknown_provinces": {
        "vi": "Mã tỉnh không có trong 34 tỉnh, thành phố từ 1/7/2025: {codes}",
        "en": "Province codes not among the 34 provinces of July 2025: {codes}",
    },
    "national_plan_not_national": {
        "vi": '--scale national cần một gói toàn quốc (province_code = "00"), ví dụ gói do `demo-data --national` tạo.',
        "en": '--scale national needs a whole-country package (province_code = "00"), such as `demo-data --national` writes.',
    },
    "national_plan_with_area": {
        "vi": "--scale national lập kế hoạch cho cả nước: bỏ --district, --commune và --travel-matrix.",
        "en": "--scale national plans the whole country: leave out --district, --commune and --travel-matrix.",
    },
    "national_filter_province": {"vi": "Tỉnh, thành phố", "en": "Province or city"},
    "national_filter_all": {"vi": "Toàn quốc", "en": "Whole country"},
    "national_filter_reset": {"vi": "Xem toàn quốc", "en": "Whole country"},
    "screen_rows_cut": {
        "vi": "Bảng hiện {shown} dòng đầu trong {total} dòng. Chọn tỉnh, huyện hoặc xã ở bộ lọc để thu hẹp; "
        "tệp tải về có đủ {total} dòng.",
        "en": "The table shows the first {shown} of {total} rows. Choose a province, district or commune in the "
        "filter to narrow it; the download has all {total} rows.",
    },
    "screen_rows_cut_no_download": {
        "vi": "Bảng hiện {shown} dòng đầu trong {total} dòng. Chọn tỉnh, huyện hoặc xã ở bộ lọc để thu hẹp.",
        "en": "The table shows the first {shown} of {total} rows. Choose a province, district or commune in the "
        "filter to narrow it.",
    },
    "teams_detail_too_many": {
        "vi": "Có {n} tổ, đội trong phạm vi đang xem: chọn tỉnh, huyện hoặc xã ở bộ lọc để xem từng tổ, đội.",
        "en": "{n} teams in this view: choose a province, district or commune in the filter to see one team.",
    },
}
