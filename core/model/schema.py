"""The data contract (docs DATA_SPEC.md) as declarative table specs: columns, kinds, Vietnamese headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

import pandas as pd

from core.model.text_keys import match_key

TEXT_DTYPE = "str"  # pandas' own string dtype, the one the rest of the app (units, crosswalk) uses
INT_DTYPE = "Int64"  # nullable: blank means "not reported", never 0
FLOAT_DTYPE = "float64"
DATE_DTYPE = "datetime64[ns]"

CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


class Kind(StrEnum):
    TEXT = "text"  # free text (names)
    ID = "id"  # identifiers chosen by the province: text, `3.0` → `3`
    CODE = "code"  # official codes: digits, leading zeros restored to `width`
    INT = "int"  # counts ≥ 0
    SHARE = "share"  # 0–1
    FLOAT = "float"
    DATE = "date"
    ENUM = "enum"  # canonical English value, Vietnamese words accepted


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int | None = None  # CODE only
    enum: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical, accepted words), ENUM only
    min_value: float | None = None  # FLOAT only

    @property
    def dtype(self) -> str:
        return {Kind.INT: INT_DTYPE, Kind.SHARE: FLOAT_DTYPE, Kind.FLOAT: FLOAT_DTYPE, Kind.DATE: DATE_DTYPE}.get(
            self.kind, TEXT_DTYPE
        )

    @cached_property
    def header_keys(self) -> frozenset[str]:
        """Folded headers this column answers to: its canonical name and every alias."""
        return frozenset(match_key(h) for h in (self.name, *self.aliases))

    @cached_property
    def enum_words(self) -> dict[str, str]:
        """`match_key` of each accepted word → canonical value."""
        return {match_key(w): canon for canon, words in self.enum for w in (canon, *words)}

    def allowed_text(self) -> str:
        """`Có (yes), Một phần (partial), …` for messages that list what an enum column accepts."""
        return ", ".join(f"{words[0]} ({canon})" if words else canon for canon, words in self.enum)


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    required_file: bool = True
    unique: str | None = None  # column whose values must be unique
    _by_key: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for col in self.columns:
            for key in col.header_keys:
                self._by_key.setdefault(key, col.name)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def match_header(self, header: str) -> str | None:
        """The canonical column a header written in a file stands for, or None (an extra column).

        Case, diacritics, NFC/NFD, spacing and punctuation do not matter; a trailing note in brackets
        (`Số dân (người)`) is ignored when the full header is not known.
        """
        key = match_key(header)
        if key in self._by_key:
            return self._by_key[key]
        bare = match_key(_drop_brackets(header))
        return self._by_key.get(bare) if bare else None


def empty_table(spec: TableSpec) -> pd.DataFrame:
    """A table with no rows and the canonical columns and dtypes (an absent optional file)."""
    return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in spec.columns})


def _drop_brackets(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        if depth == 0:
            out.append(ch)
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _col(name: str, kind: Kind, *aliases: str, required: bool = False, **kw) -> Column:
    return Column(name, kind, required, tuple(aliases), **kw)


def _count(name: str, *aliases: str) -> Column:
    return _col(name, Kind.INT, *aliases)


GRID_ELECTRICITY = (
    ("yes", ("Có", "Có điện", "Có điện lưới", "Đã có")),
    ("partial", ("Một phần", "Có một phần")),
    ("no", ("Không", "Chưa có", "Chưa có điện", "Không có", "Không có điện")),
)
MOBILE_SIGNAL = (
    ("none", ("Không có sóng", "Không", "Không có", "Mất sóng", "Chưa có sóng", "Vùng lõm sóng")),
    ("weak", ("Yếu", "Sóng yếu", "2G")),
    ("3g", ("3G", "Sóng 3G")),
    ("4g", ("4G", "Sóng 4G", "4G/5G", "5G")),
)
TEAM_TYPE = (
    ("community_tech", ("Tổ CNSCĐ", "Tổ công nghệ số cộng đồng", "CNSCĐ", "Tổ công nghệ số")),
    ("youth_volunteer", ("Đội TNTN", "Đội thanh niên tình nguyện", "TNTN", "Đội tình nguyện")),
    ("shock_team", ("Đội xung kích", "Đội thanh niên xung kích", "Xung kích")),
)
LEVEL = (
    ("province", ("Tỉnh", "Cấp tỉnh")),
    ("district", ("Huyện", "Cấp huyện", "Thị xã")),
    ("commune", ("Xã", "Cấp xã", "Phường", "Thị trấn")),
    ("village", ("Thôn", "Bản", "Thôn/bản", "Cấp thôn", "Tổ dân phố")),
)
ACTIVITY_KIND = (
    ("door_to_door", ("Đến từng hộ", "Đến tận hộ", "Tại hộ", "Tận nhà")),
    ("session", ("Hướng dẫn tập trung", "Tập trung")),
    ("meeting", ("Họp thôn/bản", "Họp thôn", "Họp bản", "Họp")),
    ("training", ("Tập huấn",)),
)

VILLAGES = TableSpec(
    "villages",
    (
        _col("village_id", Kind.ID, "Mã thôn", "Mã thôn/bản", "Mã bản", required=True),
        _col("village_name", Kind.TEXT, "Tên thôn", "Tên thôn/bản", "Thôn/bản", "Tên bản", "Thôn", required=True),
        _col("commune_code", Kind.CODE, "Mã xã", "Mã xã/phường", "Mã xã/phường/thị trấn", required=True, width=5),
        _col("district_code", Kind.CODE, "Mã huyện", width=3),
        _col("lat", Kind.FLOAT, "Vĩ độ", "Latitude"),
        _col("lon", Kind.FLOAT, "Kinh độ", "Longitude", "lng"),
        _count("households", "Số hộ", "Số hộ gia đình"),
        _count("population", "Số dân", "Số nhân khẩu", "Dân số"),
        _count("eligible_citizens", "Số công dân đủ điều kiện", "Số công dân đủ điều kiện cấp định danh"),
        _col("ethnic_minority_share", Kind.SHARE, "Tỷ lệ DTTS", "Tỷ lệ DTTS (%)", "Tỷ lệ dân tộc thiểu số"),
        _col("grid_electricity", Kind.ENUM, "Điện lưới", "Điện lưới quốc gia", enum=GRID_ELECTRICITY),
        _col("mobile_signal", Kind.ENUM, "Sóng di động", "Sóng điện thoại", enum=MOBILE_SIGNAL),
        _col(
            "smartphone_share",
            Kind.SHARE,
            "Tỷ lệ có điện thoại thông minh",
            "Tỷ lệ điện thoại thông minh",
            "Tỷ lệ có ĐTTM",
        ),
        _col("owner_sim_share", Kind.SHARE, "Tỷ lệ sim chính chủ", "Tỷ lệ thuê bao chính chủ"),
        _col("travel_minutes", Kind.FLOAT, "Thời gian di chuyển (phút)", "Thời gian di chuyển", min_value=0),
        _count("eid_level2_baseline", "Số đã kích hoạt mức 2", "Đã kích hoạt mức 2"),
    ),
    unique="village_id",
)

TEAMS = TableSpec(
    "teams",
    (
        _col("team_id", Kind.ID, "Mã tổ", "Mã đội", "Mã tổ/đội", required=True),
        _col("team_name", Kind.TEXT, "Tên tổ", "Tên đội", "Tên tổ/đội", required=True),
        _col("team_type", Kind.ENUM, "Loại", "Loại tổ", "Loại đội", "Loại hình", required=True, enum=TEAM_TYPE),
        _col("level", Kind.ENUM, "Cấp", required=True, enum=LEVEL),
        _col("base_code", Kind.CODE, "Mã địa bàn", required=True),
        _count("members", "Số thành viên"),
        _count("youth_members", "Số ĐVTN", "Số đoàn viên thanh niên", "Số đoàn viên"),
        _count("women_members", "Số hội viên phụ nữ", "Số hội viên PN"),
        _count("trained_members", "Số đã tập huấn", "Số thành viên đã tập huấn"),
        _col("established", Kind.DATE, "Ngày thành lập"),
    ),
    unique="team_id",
)

TEAM_VILLAGES = TableSpec(
    "team_villages",
    (
        _col("team_id", Kind.ID, "Mã tổ", "Mã đội", "Mã tổ/đội", required=True),
        _col("village_id", Kind.ID, "Mã thôn", "Mã thôn/bản", "Mã bản", required=True),
    ),
)

OUTCOME_COLUMNS = (
    _count("vneid_installs", "Cài đặt VNeID"),
    _count("eid_level1", "Kích hoạt mức 1"),
    _count("eid_level2", "Kích hoạt mức 2"),
    _count("public_service_accounts", "Tài khoản DVC", "Tài khoản dịch vụ công"),
    _count("online_dossiers", "Hồ sơ trực tuyến"),
    _count("digital_signatures", "Chữ ký số"),
    _count("cashless_accounts", "Tài khoản thanh toán"),
    _count("smart_app_accounts", "Tài khoản Smart"),
    _count("e_health_books", "Sổ sức khỏe điện tử", "Sổ sức khoẻ điện tử"),
    _count("vssid_installs", "Cài đặt VssID"),
)
OUTCOMES = tuple(c.name for c in OUTCOME_COLUMNS)  # the outcome names, in the contract's order
INSTANCE_ID = "instance_id"

ACTIVITIES = TableSpec(
    "activities",
    (
        _col("date", Kind.DATE, "Ngày", "Ngày thực hiện", required=True),
        _col("team_id", Kind.ID, "Mã tổ", "Mã đội", "Mã tổ/đội", required=True),
        _col("village_id", Kind.ID, "Mã thôn", "Mã thôn/bản", "Mã bản", required=True),
        _col("kind", Kind.ENUM, "Hình thức", required=True, enum=ACTIVITY_KIND),
        _count("participants", "Số người tham dự", "Số người tham gia"),
        *OUTCOME_COLUMNS,
        # the phone form's meta/instanceID (`uuid:…`): the same submission exported twice, by KoboToolbox or
        # ODK Central, is one visit; blank in reports typed by hand
        _col(INSTANCE_ID, Kind.TEXT, "Mã bản ghi", "instanceID"),
    ),
    required_file=False,
)

TARGETS = TableSpec(
    "targets",
    (
        _col("indicator", Kind.TEXT, "Chỉ tiêu", "Chỉ số", required=True),
        _col("area_code", Kind.CODE, "Mã địa bàn", required=True),
        _col("period_end", Kind.DATE, "Hạn", "Thời hạn", "Đến ngày", required=True),
        _col("target", Kind.FLOAT, "Mục tiêu", "Chỉ tiêu giao", required=True),
    ),
    required_file=False,
)

TABLES: dict[str, TableSpec] = {s.name: s for s in (VILLAGES, TEAMS, TEAM_VILLAGES, ACTIVITIES, TARGETS)}

BOUNDARY_COLUMNS = ("level", "code", "name", "parent_code", "approximate")
