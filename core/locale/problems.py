"""Messages for problems found in data packages, and the headers of the problem table."""

STRINGS = {
    # table headers
    "problems_header_file": {"vi": "Tệp", "en": "File"},
    "problems_header_row": {"vi": "Dòng", "en": "Row"},
    "problems_header_column": {"vi": "Cột", "en": "Column"},
    "problems_header_value": {"vi": "Giá trị", "en": "Value"},
    "problems_header_reason": {"vi": "Lý do", "en": "Reason"},
    "problems_warning_prefix": {"vi": "Cảnh báo", "en": "Warning"},
    "problems_none": {"vi": "Không phát hiện lỗi nào.", "en": "No problems found."},
    # files and package
    "package_not_found": {
        "vi": "Không tìm thấy gói dữ liệu: cần một thư mục hoặc một tệp .zip.",
        "en": "Data package not found: give a folder or a .zip file.",
    },
    "unreadable_file": {
        "vi": "Không đọc được tệp ({detail}). Hãy lưu lại dưới dạng .xlsx hoặc .csv (UTF-8).",
        "en": "The file cannot be read ({detail}). Save it again as .xlsx or .csv (UTF-8).",
    },
    "unknown_table": {
        "vi": "Không nhận ra bảng dữ liệu từ tên cột. Các bảng được hỗ trợ: {tables}.",
        "en": "The table could not be recognised from its column headers. Supported tables: {tables}.",
    },
    "missing_file": {
        "vi": "Thiếu tệp bắt buộc «{file}» (.csv hoặc .xlsx).",
        "en": "Required file “{file}” (.csv or .xlsx) is missing.",
    },
    "bad_toml": {
        "vi": "Tệp package.toml không đúng định dạng TOML: {detail}",
        "en": "package.toml is not valid TOML: {detail}",
    },
    "missing_meta_key": {
        "vi": "package.toml thiếu mục bắt buộc «{key}».",
        "en": "package.toml lacks the required key “{key}”.",
    },
    "bad_meta_value": {
        "vi": "Giá trị không hợp lệ. Giá trị được chấp nhận: {allowed}.",
        "en": "Invalid value. Accepted values: {allowed}.",
    },
    "unknown_province": {
        "vi": "Mã tỉnh không có trong danh mục đơn vị hành chính: không kiểm tra được mã xã, mã huyện.",
        "en": "Province code not found in the list of administrative units: commune and district codes "
        "cannot be checked.",
    },
    "boundaries_no_crs": {
        "vi": "Tệp ranh giới không khai báo hệ tọa độ (thiếu tệp .prj?). Hãy xuất lại kèm hệ tọa độ "
        "(WGS84 hoặc VN-2000).",
        "en": "The boundary file declares no coordinate system (missing .prj?). Export it again with its "
        "CRS (WGS84 or VN-2000).",
    },
    # columns
    "missing_column": {
        "vi": "Thiếu cột bắt buộc «{column}» (có thể đặt tên: {aliases}).",
        "en": "Required column “{column}” is missing (it may be headed: {aliases}).",
    },
    "duplicate_column": {
        "vi": "Có hai cột cùng là «{column}»: hãy giữ lại một cột.",
        "en": "Two columns both mean “{column}”: keep only one.",
    },
    # cell values
    "required_missing": {"vi": "Ô bắt buộc đang để trống.", "en": "This required cell is blank."},
    "not_integer": {
        "vi": "Không phải số nguyên (ví dụ hợp lệ: 1154, 1.154).",
        "en": "Not a whole number (valid examples: 1154, 1.154).",
    },
    "not_number": {"vi": "Không phải số (ví dụ hợp lệ: 21,386 hoặc 21.386).", "en": "Not a number (e.g. 21.386)."},
    "negative_value": {"vi": "Giá trị không được âm.", "en": "The value must not be negative."},
    "not_share": {
        "vi": "Không phải tỷ lệ (ví dụ hợp lệ: 0,286; 28,6; 28,6%).",
        "en": "Not a share (valid examples: 0.286, 28.6, 28.6%).",
    },
    "share_out_of_range": {"vi": "Tỷ lệ lớn hơn 100%.", "en": "The share is above 100%."},
    "bad_date": {
        "vi": "Ngày không hợp lệ (viết dạng 31/03/2023 hoặc 2023-03-31).",
        "en": "Invalid date (write it as 31/03/2023 or 2023-03-31).",
    },
    "bad_code": {
        "vi": "Mã không hợp lệ: mã phải là số, tối đa {width} chữ số.",
        "en": "Invalid code: it must be digits, at most {width} of them.",
    },
    "unknown_enum": {
        "vi": "Giá trị không nằm trong danh mục. Giá trị được chấp nhận: {allowed}.",
        "en": "Unknown value. Accepted values: {allowed}.",
    },
    # within a table
    "duplicate_id": {
        "vi": "Mã bị trùng: đã có ở dòng {first_row}.",
        "en": "Duplicate id: already used on row {first_row}.",
    },
    "duplicate_pair": {
        "vi": "Cặp tổ – thôn này đã có ở dòng trên.",
        "en": "This team–village pair is already listed above.",
    },
    "exceeds_population": {
        "vi": "«{part}» lớn hơn «{whole}» ({limit}).",
        "en": "“{part}” is larger than “{whole}” ({limit}).",
    },
    "households_exceed_population": {
        "vi": "Số hộ («{part}») lớn hơn số dân («{whole}» = {limit}).",
        "en": "More households (“{part}”) than people (“{whole}” = {limit}).",
    },
    "exceeds_members": {
        "vi": "«{part}» lớn hơn tổng số thành viên «{whole}» ({limit}).",
        "en": "“{part}” is larger than the number of members “{whole}” ({limit}).",
    },
    "coordinate_incomplete": {
        "vi": "Chỉ có một trong hai tọa độ (vĩ độ, kinh độ): thôn sẽ không hiện trên bản đồ.",
        "en": "Only one of latitude and longitude is given: the village will not appear on the map.",
    },
    "latlon_swapped": {
        "vi": "Vĩ độ và kinh độ có vẻ bị đảo ngược (lat/lon seem swapped): vĩ độ Việt Nam khoảng 8,2–23,4, "
        "kinh độ khoảng 102,1–109,5. Hãy đổi chỗ hai cột trong tệp.",
        "en": "lat/lon seem swapped: Vietnam's latitudes are about 8.2–23.4 and longitudes about "
        "102.1–109.5. Swap the two values in the file.",
    },
    "outside_vietnam": {
        "vi": "Tọa độ nằm ngoài Việt Nam (vĩ độ 8,2–23,4; kinh độ 102,1–109,5; hệ WGS84, đơn vị độ).",
        "en": "The point is outside Vietnam (latitude 8.2–23.4, longitude 102.1–109.5; WGS84 degrees).",
    },
    "personal_citizen_id": {
        "vi": "Cột này có vẻ chứa số định danh cá nhân/CCCD (12 chữ số, {hits} ô). Dữ liệu cá nhân không "
        "thuộc về bảng điều hành này: hãy xóa cột rồi nhập lại.",
        "en": "This column seems to hold citizen ID numbers (12 digits, {hits} cells). Personal data does not "
        "belong in this dashboard: delete the column and import again.",
    },
    "personal_phone": {
        "vi": "Cột này có vẻ chứa số điện thoại ({hits} ô). Dữ liệu cá nhân không thuộc về bảng điều hành "
        "này: hãy xóa cột rồi nhập lại.",
        "en": "This column seems to hold phone numbers ({hits} cells). Personal data does not belong in "
        "this dashboard: delete the column and import again.",
    },
    # references
    "unknown_commune": {
        "vi": "Mã xã không có trong danh mục đơn vị hành chính của tỉnh {province}.",
        "en": "This commune code is not in the administrative units of province {province}.",
    },
    "legacy_commune_code": {
        "vi": "Đây là mã xã cũ (trước 01/7/2025) nhưng gói dữ liệu dùng hệ 2025: mã mới là {new_code} ({new_name}).",
        "en": "This is a pre-July-2025 commune code but the package uses the 2025 system: the new code is "
        "{new_code} ({new_name}).",
    },
    "district_mismatch": {
        "vi": "Mã huyện không khớp: xã {commune} thuộc huyện {expected}.",
        "en": "District code does not match: commune {commune} belongs to district {expected}.",
    },
    "unknown_base_code": {
        "vi": "Mã địa bàn không phải mã tỉnh, huyện hay xã nào của tỉnh {province}.",
        "en": "The base code is not a province, district or commune code of province {province}.",
    },
    "base_code_level": {
        "vi": "Mã địa bàn không phải cấp {level} như cột «Cấp» ghi.",
        "en": "The base code is not a {level} code, as the level column says.",
    },
    "unknown_area": {
        "vi": "Mã địa bàn không có trong danh mục đơn vị hành chính.",
        "en": "This area code is not a known administrative unit.",
    },
    "unknown_team": {
        "vi": "Mã tổ/đội không có trong bảng teams.",
        "en": "This team id is not in the teams table.",
    },
    "unknown_village": {
        "vi": "Mã thôn không có trong bảng villages.",
        "en": "This village id is not in the villages table.",
    },
    "date_in_future": {
        "vi": "Ngày chưa tới: sau hôm nay ({today}, giờ Việt Nam). Hãy kiểm tra lại ngày, tháng, năm.",
        "en": "The date has not come yet: it is after today ({today}, Vietnam time). Check the day, month and year.",
    },
    "date_too_early": {
        "vi": "Ngày trước {earliest}: có lẽ nhập sai.",
        "en": "The date is before {earliest}: probably a typo.",
    },
    # hostile or broken files
    "archive_too_many_files": {
        "vi": "Tệp nén có quá nhiều tệp bên trong (tối đa {limit}): không giải nén.",
        "en": "The archive holds too many files (at most {limit}): it was not unpacked.",
    },
    "archive_too_large": {
        "vi": "Tệp nén giải ra quá lớn ({size}, tối đa {limit}) hoặc nén bất thường: không giải nén. "
        "Hãy gửi từng tệp riêng.",
        "en": "The archive would unpack to too much data ({size}, at most {limit}) or is abnormally compressed: "
        "it was not unpacked. Send the files one by one.",
    },
    "archive_unsafe_path": {
        "vi": "Tệp trong gói có đường dẫn ra ngoài thư mục (../ hoặc đường dẫn tuyệt đối): đã bỏ qua.",
        "en": "A file in the archive has a path leading outside its folder (../ or an absolute path): skipped.",
    },
    "archive_nested": {
        "vi": "Tệp nén nằm trong tệp nén khác: hãy giải nén lớp ngoài rồi gửi tệp .zip bên trong.",
        "en": "A zip inside a zip: unpack the outer one and send the .zip inside it.",
    },
    "archive_empty": {"vi": "Tệp nén không chứa tệp nào.", "en": "The archive holds no files."},
    "value_too_long": {
        "vi": "Ô quá dài ({n} ký tự, tối đa {limit}): có lẽ dán nhầm nội dung.",
        "en": "The cell is too long ({n} characters, at most {limit}): probably pasted by mistake.",
    },
    # limits of one import (core.config.limits)
    "file_too_large": {
        "vi": "Tệp quá lớn ({size}, tối đa {limit}): không đọc. Hãy chia thành nhiều tệp nhỏ hơn (ví dụ theo huyện).",
        "en": "The file is too large ({size}, at most {limit}): it was not read. Split it into smaller files "
        "(for example one per district).",
    },
    "sheet_too_large": {
        "vi": "Trang tính có dữ liệu tới ô {cell} ({rows} dòng × {columns} cột), vượt giới hạn đọc "
        "({max_rows} dòng, {limit} ô): không đọc. Hãy xóa các ô có nội dung nằm xa vùng dữ liệu rồi lưu lại.",
        "en": "The sheet has data up to cell {cell} ({rows} rows × {columns} columns), beyond the reading limit "
        "({max_rows} rows, {limit} cells): it was not read. Delete the cells with content far from the data "
        "and save again.",
    },
    "too_many_rows": {
        "vi": "Bảng có hơn {limit} dòng dữ liệu, vượt giới hạn: không đọc. Hãy chia tệp (ví dụ theo huyện) "
        "hoặc đề nghị quản trị viên nâng giới hạn.",
        "en": "The table has more than {limit} data rows, beyond the limit: it was not read. Split the file "
        "(for example one per district) or ask the administrator to raise the limit.",
    },
    "unreadable_boundaries": {
        "vi": "Không đọc được tệp ranh giới ({detail}). Hãy lưu lại dưới dạng GeoJSON, GeoPackage hoặc "
        "shapefile nén .zip.",
        "en": "The boundary file cannot be read ({detail}). Save it again as GeoJSON, GeoPackage or a zipped "
        "shapefile.",
    },
    "boundaries_empty": {
        "vi": "Tệp ranh giới không có đối tượng nào (cần một FeatureCollection gồm các vùng).",
        "en": "The boundary file has no features (a FeatureCollection of areas is needed).",
    },
    "geometry_not_area": {
        "vi": "Hình học là {kind}, không phải một vùng (Polygon hoặc MultiPolygon).",
        "en": "The geometry is a {kind}, not an area (Polygon or MultiPolygon).",
    },
    "geometry_bad_coordinates": {
        "vi": "Hình học có tọa độ không hợp lệ (NaN hoặc vô hạn).",
        "en": "The geometry has invalid coordinates (NaN or infinite).",
    },
    # legacy text encodings and lost leading zeros (field reports)
    "legacy_encoding": {
        "vi": "Tệp được lưu bằng bảng mã cũ {encoding}: đã tự chuyển sang Unicode. Hãy xem lại tên thôn, xã "
        "trong bảng, rồi lưu tệp dưới dạng CSV UTF-8 cho lần sau.",
        "en": "The file was saved in the old {encoding} encoding: it has been converted to Unicode. Check the "
        "village and commune names, then save the file as CSV UTF-8 next time.",
    },
    "personal_citizen_id_lost_zero": {
        "vi": "Cột này có vẻ chứa số định danh cá nhân/CCCD đã bị Excel làm mất số 0 đầu (11 chữ số, {hits} ô). "
        "Dữ liệu cá nhân không thuộc về bảng điều hành này: hãy xóa cột rồi nhập lại.",
        "en": "This column seems to hold citizen ID numbers whose leading 0 Excel dropped (11 digits, {hits} "
        "cells). Personal data does not belong in this dashboard: delete the column and import again.",
    },
}
