"""Section names of pages that show part of their charts on demand (tabs), so the page opens quickly."""

STRINGS = {
    "sect_more_heading": {"vi": "Phân tích thêm", "en": "More analysis"},
    "sect_tab_breakdown": {"vi": "Kết quả theo nhóm", "en": "Results by group"},
    "sect_tab_gaps": {"vi": "Thôn có khó khăn và tổ, đội", "en": "Villages with gaps and teams"},
    "sect_tab_quadrant": {"vi": "Hiệu quả theo xã", "en": "Effectiveness by commune"},
}
