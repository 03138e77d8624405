"""Strings of the Map page (Bản đồ): controls, legend, tooltips, side panel."""

STRINGS = {
    "page_map": {"vi": "Bản đồ", "en": "Map"},
    "map_heading": {"vi": "Bản đồ — {area}", "en": "Map — {area}"},
    "map_mode": {"vi": "Lớp thôn, bản", "en": "Village layer"},
    "map_mode_gaps": {"vi": "Khó khăn của thôn", "en": "Village gaps"},
    "map_mode_coverage": {"vi": "Độ phủ của tổ, đội", "en": "Team coverage"},
    "map_choropleth": {"vi": "Tô màu xã theo", "en": "Shade communes by"},
    "map_ind_none": {"vi": "Không tô màu", "en": "No shading"},
    "map_ind_priority": {"vi": "Điểm ưu tiên trung bình của các thôn", "en": "Mean village priority score"},
    "map_ind_no_signal": {"vi": "Tỷ lệ thôn không có sóng di động", "en": "Share of villages without mobile signal"},
    "map_ind_no_power": {"vi": "Tỷ lệ thôn chưa có điện lưới", "en": "Share of villages without grid power"},
    "map_ind_eid_level2": {
        "vi": "Tỷ lệ công dân đủ điều kiện đã có định danh mức 2",
        "en": "e-ID level 2 coverage of eligible citizens",
    },
    "map_ind_uncovered": {"vi": "Tỷ lệ thôn chưa có tổ, đội phụ trách", "en": "Share of villages no team covers"},
    "map_tiles": {
        "vi": "Nền OpenStreetMap",
        "en": "OpenStreetMap basemap",
    },  # the help and the notice say it needs internet
    "map_tiles_help": {
        "vi": "Mặc định bản đồ chỉ dùng ranh giới hành chính có sẵn trong ứng dụng, không cần mạng. "
        "Bật nền OpenStreetMap thì máy phải có Internet; khi mất mạng nền sẽ trống.",
        "en": "By default the map uses only the boundaries shipped with the app and needs no network. "
        "The OpenStreetMap background needs internet; without it the background stays blank.",
    },
    "map_tiles_on_note": {
        "vi": "Nền OpenStreetMap đang bật: cần Internet.",
        "en": "OpenStreetMap background on: needs internet.",
    },
    "map_whole_province": {"vi": "Xem toàn tỉnh", "en": "Whole province"},
    "map_whole_country": {"vi": "Xem toàn quốc", "en": "Whole country"},
    "map_click_hint_national": {
        "vi": "Chọn một tỉnh, thành phố ở thanh bên để phóng to, rồi bấm vào một xã để xem riêng xã đó.",
        "en": "Choose a province or city in the sidebar to zoom in, then click a commune to see that commune alone.",
    },
    "map_up_to_district": {"vi": "Về cả huyện", "en": "Back to the district"},
    "map_click_hint": {
        "vi": "Bấm vào một huyện để phóng to, rồi bấm vào một xã để xem riêng xã đó.",
        "en": "Click a district to zoom in, then click a commune to see that commune alone.",
    },
    "map_approximate": {
        "vi": "Ranh giới xã trên bản đồ là gần đúng (dựng từ vị trí trung tâm các xã), chỉ để tham khảo.",
        "en": "Commune areas on this map are approximate (drawn from commune centre points): for orientation only.",
    },
    "map_no_boundaries": {
        "vi": "Gói dữ liệu không có ranh giới hành chính: bản đồ chỉ hiện các thôn.",
        "en": "The data package has no boundaries: the map shows villages only.",
    },
    "map_aggregated": {
        "vi": "Có {n} thôn trong vùng đang xem, quá nhiều để vẽ từng thôn: mỗi chấm là một xã ({communes} xã). "
        "Chọn một vùng nhỏ hơn hoặc một xã để xem từng thôn.",
        "en": "{n} villages in view, too many to draw one by one: each dot is a commune ({communes} communes). "
        "Choose a smaller area or a commune to see single villages.",
    },
    "map_legend_gaps": {"vi": "Khó khăn nặng nhất của thôn", "en": "Worst gap of the village"},
    "map_legend_no_gap": {"vi": "Không có khó khăn nào", "en": "No gap"},
    "map_legend_ring": {
        "vi": "Viền đen: chưa có tổ, đội nào phụ trách",
        "en": "Black ring: no team covers the village",
    },
    "map_legend_coverage": {"vi": "Độ phủ của tổ, đội", "en": "Team coverage"},
    "map_legend_covered": {"vi": "Thôn có tổ, đội phụ trách", "en": "Village covered by a team"},
    "map_legend_uncovered": {"vi": "Thôn chưa có tổ, đội phụ trách", "en": "Village no team covers"},
    "map_legend_team_base": {"vi": "Nơi đóng của tổ, đội", "en": "Where teams are based"},
    "map_legend_no_data": {"vi": "Không có số liệu", "en": "No data"},
    "map_legend_selected": {"vi": "Viền xanh đậm: vùng đang chọn", "en": "Dark blue outline: selected area"},
    "tip_commune": {"vi": "Xã", "en": "Commune"},
    "tip_district": {"vi": "Huyện", "en": "District"},
    "tip_gaps": {"vi": "Khó khăn", "en": "Gaps"},
    "tip_no_gap": {"vi": "không có", "en": "none"},
    "tip_population": {"vi": "Dân số", "en": "Population"},
    "tip_eid_level2": {"vi": "Định danh mức 2", "en": "e-ID level 2"},
    "tip_teams": {"vi": "Tổ, đội phụ trách", "en": "Covering teams"},
    "tip_no_team": {"vi": "chưa có", "en": "none"},
    "tip_more": {"vi": "và {n} tổ, đội khác", "en": "and {n} more"},
    "tip_villages": {"vi": "Số thôn", "en": "Villages"},
    "tip_teams_here": {"vi": "Tổ, đội đóng tại đây", "en": "Teams based here"},
    "tip_click_commune": {"vi": "Bấm để xem xã này", "en": "Click to see this commune"},
    "tip_click_district": {"vi": "Bấm để xem huyện này", "en": "Click to see this district"},
    "map_frame_title": {
        "vi": "Bản đồ thôn, bản, xã và huyện: chọn một vùng để xem chi tiết",
        "en": "Map of villages, communes and districts: choose an area to see it in detail",
    },
    "map_zoom_in": {"vi": "Phóng to", "en": "Zoom in"},
    "map_zoom_out": {"vi": "Thu nhỏ", "en": "Zoom out"},
    "map_panel_heading": {"vi": "Trên bản đồ", "en": "On the map"},
    "map_village_table": {"vi": "Bảng số liệu {n} thôn trên bản đồ", "en": "Table of the {n} villages on the map"},
    "map_col_village": {"vi": "Thôn, bản", "en": "Village"},
    "map_col_commune": {"vi": "Xã", "en": "Commune"},
    "map_col_district": {"vi": "Huyện", "en": "District"},
    "map_col_gaps": {"vi": "Khó khăn", "en": "Gaps"},
    "map_col_population": {"vi": "Dân số", "en": "Population"},
    "map_col_eid_level2": {"vi": "Định danh mức 2", "en": "e-ID level 2"},
    "map_col_teams": {"vi": "Số tổ, đội", "en": "Teams"},
    "map_keys_hint": {
        "vi": "Bằng bàn phím: Tab vào bản đồ, phím mũi tên để đi qua các vùng, Enter để mở, + và − để phóng to, thu nhỏ.",
        "en": "By keyboard: Tab into the map, arrow keys to move between areas, Enter to open, + and − to zoom.",
    },
    "map_key_position": {"vi": "{i}/{n}", "en": "{i} of {n}"},
    "map_key_open": {"vi": "Nhấn Enter để mở", "en": "Press Enter to open"},
    "map_panel_villages": {"vi": "Thôn đang hiện", "en": "Villages shown"},
    "map_panel_uncovered": {"vi": "Chưa có tổ, đội phụ trách", "en": "No team covers them"},
    "map_panel_population": {"vi": "Dân số", "en": "Population"},
    "map_panel_eid_level2": {"vi": "Định danh mức 2 / công dân đủ điều kiện", "en": "e-ID level 2 / eligible citizens"},
    "map_panel_teams": {"vi": "Tổ, đội liên quan", "en": "Teams involved"},
    # Credits, an empty area (map fixes, 2026-11)
    "map_osm_credit": {"vi": "© Những người đóng góp OpenStreetMap", "en": "© OpenStreetMap contributors"},
    "map_credit_geoboundaries_estimated": {
        "vi": "Ranh giới tỉnh, huyện: OCHA ROAP / Chính phủ Việt Nam qua geoBoundaries, CC BY 3.0 IGO; "
        "ranh giới xã: ước tính từ trung tâm xã",
        "en": "Province and district boundaries: OCHA ROAP / Government of Viet Nam via geoBoundaries, "
        "CC BY 3.0 IGO; commune areas: estimated from commune centres",
    },
    "map_panel_empty": {
        "vi": "Không có thôn nào trong vùng này khớp với bộ lọc đang chọn. Hãy bỏ bớt điều kiện lọc "
        "hoặc chọn vùng khác.",
        "en": "No village in this area matches the current filter. Remove a condition from the filter "
        "or choose another area.",
    },
    "map_month": {"vi": "Dữ liệu đến cuối tháng", "en": "Data as at the end of"},
    "map_month_label": {"vi": "Tháng {month}", "en": "{month}"},
    "map_month_help": {
        "vi": "Bản đồ cho thấy độ phủ và khó khăn của các thôn như vào ngày cuối tháng đã chọn, và đánh dấu các "
        "thôn thay đổi trong tháng đó (có hoặc mất sóng, điện lưới, tổ, đội phụ trách).",
        "en": "The map shows the villages' coverage and gaps as they stood at the chosen month's end, and marks "
        "the villages that changed during that month (gained or lost signal, grid power, a covering team).",
    },
    "map_month_changed": {
        "vi": "{n} thôn thay đổi trong tháng {month}",
        "en": "{n} villages changed in {month}",
    },
    "map_month_first": {
        "vi": "Tháng đầu tiên có dữ liệu: chưa có tháng trước để so sánh.",
        "en": "The first month with data: there is no month before it to compare with.",
    },
    "map_legend_changed": {
        "vi": "Vòng hồng: thôn thay đổi trong tháng {month} ({n})",
        "en": "Pink ring: village changed in {month} ({n})",
    },
    "notice_unknown_month": {
        "vi": "không có dữ liệu của tháng «{value}»",
        "en": "no data for the month “{value}”",
    },
    "tip_month_change": {"vi": "Tháng này", "en": "This month"},
    "map_change_signal_gained": {"vi": "có sóng di động", "en": "gained mobile signal"},
    "map_change_signal_lost": {"vi": "mất sóng di động", "en": "lost mobile signal"},
    "map_change_power_gained": {"vi": "có điện lưới", "en": "gained grid power"},
    "map_change_power_lost": {"vi": "mất điện lưới", "en": "lost grid power"},
    "map_change_team_gained": {"vi": "có tổ, đội phụ trách mới", "en": "gained a covering team"},
    "map_change_team_lost": {"vi": "không còn tổ, đội phụ trách", "en": "lost its covering team"},
}
