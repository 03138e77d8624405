"""Two plans side by side with a team added or removed (the Priorities page and its workbook)."""

STRINGS = {
    "compare_team_heading": {"vi": "Thêm hoặc bớt một tổ, đội", "en": "Add or remove a team"},
    "compare_team_hint": {
        "vi": "Phương án A là kế hoạch đang xem; phương án B giữ nguyên cài đặt và thứ tự ưu tiên, chỉ thêm một đội "
        "giả định hoặc bớt một tổ, đội. Đội giả định làm việc trong xã đặt trụ sở, như tổ cấp xã.",
        "en": "Plan A is the plan on screen; plan B keeps its settings and ranking and only adds a hypothetical team "
        "or removes one. A hypothetical team works in the commune it is based in, as a commune team does.",
    },
    "compare_team_mode": {"vi": "Thay đổi", "en": "Change"},
    "compare_team_mode_add": {"vi": "Thêm một đội giả định", "en": "Add a hypothetical team"},
    "compare_team_mode_remove": {"vi": "Bớt một tổ, đội", "en": "Remove a team"},
    "compare_team_type": {"vi": "Loại tổ, đội", "en": "Team type"},
    "compare_team_commune": {"vi": "Xã đặt trụ sở", "en": "Base commune"},
    "compare_team_members": {"vi": "Số thành viên", "en": "Members"},
    "compare_team_capacity": {"vi": "Số người/đêm", "en": "People a night"},
    "compare_team_own_nights": {"vi": "Số đêm", "en": "Nights"},
    "compare_team_remove": {"vi": "Tổ, đội bớt đi", "en": "Team to remove"},
    "compare_team_in_plan": {"vi": "{team} (có trong phương án A)", "en": "{team} (in plan A)"},
    "compare_team_run": {"vi": "Lập phương án B và so sánh", "en": "Make plan B and compare"},
    "compare_team_solving": {"vi": "Đang lập phương án B…", "en": "Making plan B…"},
    "compare_team_new_name": {"vi": "{kind} (giả định) – {commune}", "en": "{kind} (hypothetical) – {commune}"},
    "compare_team_removed_words": {"vi": "bớt {team}", "en": "without {team}"},
    "compare_team_added_words": {
        "vi": "thêm {team}: {members} thành viên, {capacity} người/đêm, {nights} đêm",
        "en": "with {team}: {members} members, {capacity} people a night, {nights} nights",
    },
    "compare_team_which": {
        "vi": "A: kế hoạch đang xem. B: như A, {change}.",
        "en": "A: the plan on screen. B: as A, {change}.",
    },
    "compare_team_nothing": {
        "vi": "Không thôn nào vào hoặc ra khỏi kế hoạch.",
        "en": "No village enters or leaves the plan.",
    },
    "compare_team_plan_a": {"vi": "Kế hoạch đang xem", "en": "The plan on screen"},
    "compare_col_plan": {"vi": "Phương án", "en": "Plan"},
    "compare_col_setting": {"vi": "Cài đặt", "en": "Settings"},
    "compare_sheet_settings": {"vi": "Cài đặt", "en": "Settings"},
}
