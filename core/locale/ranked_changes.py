"""How a ranked village changed since the end of last month (the ranked table and its exports)."""

STRINGS = {
    "moved_col": {"vi": "Thay đổi từ {date}", "en": "Change since {date}"},
    "moved_col_help": {
        "vi": "So với dữ liệu ngày {date}: sóng di động, điện lưới, tổ, đội phụ trách, số VNeID mức 2 và điểm ưu "
        "tiên của thôn.",
        "en": "Compared with the data of {date}: the village's mobile signal, grid power, covering team, level-2 "
        "VNeID count and priority score.",
    },
    "moved_signal_up": {"vi": "có sóng", "en": "gained signal"},
    "moved_signal_down": {"vi": "mất sóng", "en": "lost signal"},
    "moved_power_up": {"vi": "có điện lưới", "en": "gained grid power"},
    "moved_power_down": {"vi": "mất điện lưới", "en": "lost grid power"},
    "moved_team_up": {"vi": "có tổ phụ trách", "en": "gained a team"},
    "moved_team_down": {"vi": "mất tổ phụ trách", "en": "lost its team"},
    "moved_level2_up": {"vi": "thêm {n} VNeID mức 2", "en": "{n} more level-2 VNeID"},
    "moved_level2_down": {"vi": "bớt {n} VNeID mức 2", "en": "{n} fewer level-2 VNeID"},
    "moved_score": {"vi": "điểm {before} → {after}", "en": "score {before} → {after}"},
    "moved_view": {"vi": "Thay đổi từ {date}", "en": "Changes since {date}"},
    "moved_caption": {
        "vi": "{n} thôn có thay đổi so với dữ liệu ngày {date} (xem «{view}»).",
        "en": "Villages changed since the data of {date}: {n} (see “{view}”).",
    },
}
