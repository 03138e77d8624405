"""Strings for packages of any province and either admin system (filters, maps without boundaries)."""

STRINGS = {
    "plan_empty_no_remaining": {
        "vi": "Không thôn nào còn công dân cần hỗ trợ định danh mức 2: dữ liệu thôn chưa có «Số công dân đủ điều "
        "kiện», hoặc tất cả đã kích hoạt. Bổ sung cột này để lập kế hoạch.",
        "en": "No village has citizens left to reach for level-2 e-ID: the villages do not report eligible "
        "citizens, or all are activated. Add that column to plan.",
    },
    "map_click_hint_communes": {
        "vi": "Bấm vào một xã, phường để xem riêng nơi đó.",
        "en": "Click a commune to see it alone.",
    },
    "plan_by_commune": {"vi": "Theo xã", "en": "By commune"},
    "filter_choose_any": {"vi": "Chọn một hoặc nhiều", "en": "Choose one or more"},
    "map_derived_areas": {
        "vi": "Gói dữ liệu không có ranh giới hành chính: vùng xã là ước lượng từ tọa độ trung tâm xã và thôn, "
        "chỉ để định hướng.",
        "en": "The package has no boundaries: commune areas are estimated from commune centres and village "
        "points, for orientation only.",
    },
}
