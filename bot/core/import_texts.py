"""Why a row of an imported file was refused: ``import.reason.<reason>``, one per ``RowError``.

The admin sees each text in a table next to the line number and the column, so a text names the
problem and the fix without repeating them. List-valued params arrive joined with ", ".
"""

ID: dict[str, str] = {
    # The file as a whole.
    "import.reason.not_utf8": "Berkas tidak tersimpan dalam UTF-8 (masalah mulai di baris ini). Di Excel, simpan ulang dengan jenis <i>CSV UTF-8 (Comma delimited)</i>, lalu impor lagi.",
    "import.reason.empty": "Berkas kosong. Isi baris pertama dengan nama kolom dan baris berikutnya dengan data, lalu impor lagi.",
    "import.reason.too_many_rows": "Berkas berisi lebih dari {limit} baris data; kemungkinan berkasnya keliru. Periksa bahwa ini berkas yang benar.",
    "import.reason.line_too_long": "Baris ini lebih panjang dari {limit} karakter; biasanya ada tanda kutip yang tidak ditutup. Periksa tanda kutip pada baris ini, lalu impor lagi.",
    "import.reason.malformed": "Baris ini tidak dapat dibaca sebagai CSV. Periksa tanda kutip pada baris ini, lalu impor lagi.",
    "import.reason.unclosed_quote": 'Tanda kutip (") yang dibuka di baris ini tidak pernah ditutup. Tutup tanda kutipnya, lalu impor lagi.',
    "import.reason.stray_quote": 'Sesudah tanda kutip penutup (") di baris ini masih ada teks. Kutip seluruh isi sel atau hapus tanda kutipnya, lalu impor lagi.',
    "import.reason.cell_too_long": "Satu sel di baris ini lebih panjang dari {limit} karakter; biasanya karena tanda kutip yang tidak ditutup. Periksa baris ini, lalu impor lagi.",
    "import.reason.extra_cells": "Baris ini berisi lebih banyak sel daripada {expected} kolom di baris judul. Hapus sel yang berlebih, atau apit nilai yang memuat koma atau titik koma dengan tanda kutip.",
    # The header row.
    "import.reason.empty_column": "Kolom ke-{position} di baris judul tidak bernama. Beri nama kolom itu atau hapus kolomnya.",
    "import.reason.duplicate_column": "Kolom <code>{column}</code> muncul dua kali di baris judul. Hapus salah satunya.",
    "import.reason.missing_column": "Kolom wajib ini tidak ada di baris judul. Tambahkan kolom dengan nama ini, lalu impor lagi.",
    "import.reason.unknown_column": "Kolom <code>{column}</code> tidak dikenal. Kolom yang boleh: {allowed}. Perbaiki ejaannya atau hapus kolom itu.",
    # Any cell.
    "import.reason.required": "Kolom ini wajib diisi. Isi nilainya, lalu impor lagi.",
    "import.reason.too_long": "Isinya terlalu panjang; paling banyak {limit} karakter. Persingkat, lalu impor lagi.",
    "import.reason.unprintable": "Isinya memuat karakter tersembunyi yang tidak dapat ditampilkan (biasanya ikut tersalin dari aplikasi lain). Ketik ulang isinya, lalu impor lagi.",
    "import.reason.invalid": "Nilai ini tidak valid. Periksa isinya, lalu impor lagi.",
    "import.reason.duplicate": "Data ini sudah ada di baris {first_line}. Hapus salah satu baris, atau perbaiki isinya bila keduanya memang berbeda.",
    "import.reason.not_a_number": "Kolom ini harus berisi angka saja, misalnya 2026. Perbaiki nilainya, lalu impor lagi.",
    "import.reason.out_of_range": "Nilainya harus antara {min} dan {max}. Perbaiki nilainya, lalu impor lagi.",
    "import.reason.unknown_option": "Nilai ini tidak dikenal. Isi salah satu dari: {options}.",
    # Units, services and their codes.
    "import.reason.pattern": "Kode hanya boleh berisi huruf, angka, garis bawah, dan tanda hubung ({allowed}), tanpa spasi. Perbaiki kodenya.",
    "import.reason.unsupported_timezone": "Zona waktu {value} tidak didukung. Isi WIB, WITA, atau WIT (atau {allowed}), atau kosongkan agar mengikuti unit induknya.",
    "import.reason.self_parent": "Unit {value} tidak boleh menjadi induknya sendiri. Isi <code>parent_code</code> dengan kode unit di atasnya, atau kosongkan untuk unit tertinggi.",
    "import.reason.unknown_parent": "Unit induk {value} tidak ada di berkas maupun di basis data. Tambahkan unit itu atau perbaiki kodenya.",
    "import.reason.parent_cycle": "Unit induk membentuk lingkaran: {cycle}. Ubah <code>parent_code</code> salah satu unit itu agar rantainya berakhir di unit tertinggi.",
    "import.reason.unknown_unit": "Unit {value} tidak ada di basis data. Impor berkas unit kerja lebih dulu, atau perbaiki kodenya.",
    "import.reason.invalid_boolean": "Nilai {value} tidak dikenal. Isi salah satu dari: {allowed}; kosongkan bila layanan aktif.",
    # Employees.
    "import.reason.unknown_position_kind": "Jenis jabatan {value} tidak dikenal. Isi salah satu dari: {allowed}.",
    "import.reason.self_supervisor": "Pegawai {value} tidak boleh menjadi atasannya sendiri. Isi <code>supervisor_nip</code> dengan NIP pejabat penilainya, atau kosongkan untuk pimpinan tertinggi.",
    "import.reason.unknown_supervisor": "Atasan dengan NIP {value} tidak ada di berkas maupun di basis data. Tambahkan pegawai itu atau perbaiki NIP-nya.",
    "import.reason.supervisor_cycle": "Rantai atasan membentuk lingkaran ({cycle}): seorang pegawai menjadi atasan bagi atasannya sendiri. Perbaiki <code>supervisor_nip</code> pada baris ini atau pada baris pegawai yang terkait.",
    "import.reason.nip.not_18_digits": "NIP harus terdiri atas {expected} digit angka saja (spasi dan titik boleh); yang tertulis berisi {length} karakter. Hapus huruf atau tanda lain dan pastikan jumlah digitnya {expected}.",
    "import.reason.nip.birth_date": "8 digit pertama NIP ({value}) bukan tanggal lahir yang sah (TTTTBBHH). Periksa NIP-nya.",
    "import.reason.nip.age": "Tanggal lahir pada NIP ({birth_date}) di luar rentang yang masuk akal ({earliest} sampai {latest}). Periksa NIP-nya.",
    "import.reason.nip.tmt": "Digit 9–14 NIP ({value}) harus tahun dan bulan pengangkatan (TMT) yang sah, paling cepat saat pegawai berusia 17 tahun. Periksa NIP-nya.",
    "import.reason.nip.tmt_future": "TMT pada NIP ({value}) berada di masa depan. Periksa NIP-nya.",
    "import.reason.nip.sex": "Digit ke-15 NIP adalah {digit}, padahal harus 1 (pria) atau 2 (wanita). Periksa NIP-nya.",
    "import.reason.nip.sequence": "Tiga digit terakhir NIP ({value}) harus nomor urut 001–999. Periksa NIP-nya.",
    # SKP.
    "import.reason.format": "NIP harus {length} digit angka (spasi dan titik boleh). Perbaiki NIP-nya.",
    "import.reason.unknown_nip": "Pegawai dengan NIP {nip} tidak terdaftar. Impor data pegawai lebih dulu, atau perbaiki NIP-nya.",
    # SKM paper forms.
    "import.reason.skm_unknown_service": "Layanan {value} tidak terdaftar. Periksa kodenya, atau impor data layanan publik lebih dulu.",
    "import.reason.skm_future_date": "Tanggal survei {value} berada di masa depan. Isi tanggal saat formulir diisi.",
    "import.reason.bad_date": "Tanggal {value} tidak dapat dibaca. Tulis dengan format TTTT-BB-HH (misalnya {example}) atau HH/BB/TTTT.",
    "import.reason.unknown_unsur": "Unsur SKM {code} tidak dikenal; yang ada U1 sampai U9. Periksa nama kolomnya.",
    "import.reason.expected_number": "Kolom ini harus berisi angka. Perbaiki nilainya, lalu impor lagi.",
}

EN: dict[str, str] = {
    # The file as a whole.
    "import.reason.not_utf8": "The file is not saved as UTF-8 (the problem starts on this line). In Excel, save it again as <i>CSV UTF-8 (Comma delimited)</i>, then import it again.",
    "import.reason.empty": "The file is empty. Put the column names on the first line and the data on the following lines, then import it again.",
    "import.reason.too_many_rows": "The file has more than {limit} data rows; it is probably the wrong file. Check that this is the right file.",
    "import.reason.line_too_long": "This line is longer than {limit} characters; usually a quotation mark is not closed. Check the quotation marks on this line, then import again.",
    "import.reason.malformed": "This line cannot be read as CSV. Check the quotation marks on this line, then import again.",
    "import.reason.unclosed_quote": 'A quotation mark (") opened on this line is never closed. Close it, then import again.',
    "import.reason.stray_quote": 'There is more text after the closing quotation mark (") on this line. Quote the whole cell or remove the quotation marks, then import again.',
    "import.reason.cell_too_long": "A cell on this line is longer than {limit} characters, usually because of a quotation mark that is never closed. Check this line, then import again.",
    "import.reason.extra_cells": "This line has more cells than the {expected} columns of the header. Remove the extra cells, or put quotation marks around values that contain a comma or a semicolon.",
    # The header row.
    "import.reason.empty_column": "Column {position} of the header has no name. Name the column or remove it.",
    "import.reason.duplicate_column": "Column <code>{column}</code> appears twice in the header. Remove one of them.",
    "import.reason.missing_column": "This required column is missing from the header. Add a column with this name, then import again.",
    "import.reason.unknown_column": "Column <code>{column}</code> is not known. Allowed columns: {allowed}. Fix its spelling or remove the column.",
    # Any cell.
    "import.reason.required": "This column must be filled in. Enter a value, then import again.",
    "import.reason.too_long": "The value is too long; at most {limit} characters. Shorten it, then import again.",
    "import.reason.unprintable": "The value contains hidden characters that cannot be shown (usually copied along from another application). Retype it, then import again.",
    "import.reason.invalid": "This value is not valid. Check it, then import again.",
    "import.reason.duplicate": "This entry is already on line {first_line}. Remove one of the lines, or correct them if they are meant to differ.",
    "import.reason.not_a_number": "This column takes digits only, for example 2026. Correct the value, then import again.",
    "import.reason.out_of_range": "The value must be between {min} and {max}. Correct it, then import again.",
    "import.reason.unknown_option": "This value is not known. Enter one of: {options}.",
    # Units, services and their codes.
    "import.reason.pattern": "A code may contain only letters, digits, underscores and hyphens ({allowed}), without spaces. Correct the code.",
    "import.reason.unsupported_timezone": "Time zone {value} is not supported. Enter WIB, WITA or WIT (or {allowed}), or leave it empty to follow the parent unit.",
    "import.reason.self_parent": "Unit {value} cannot be its own parent. Put the code of the unit above it in <code>parent_code</code>, or leave it empty for the top unit.",
    "import.reason.unknown_parent": "Parent unit {value} is neither in the file nor in the database. Add that unit or correct the code.",
    "import.reason.parent_cycle": "The parent units form a loop: {cycle}. Change the <code>parent_code</code> of one of these units so that the chain ends at the top unit.",
    "import.reason.unknown_unit": "Unit {value} is not in the database. Import the units file first, or correct the code.",
    "import.reason.invalid_boolean": "Value {value} is not known. Enter one of: {allowed}; leave it empty if the service is active.",
    # Employees.
    "import.reason.unknown_position_kind": "Position kind {value} is not known. Enter one of: {allowed}.",
    "import.reason.self_supervisor": "Employee {value} cannot be their own supervisor. Put the NIP of their appraising official in <code>supervisor_nip</code>, or leave it empty for the head of the organisation.",
    "import.reason.unknown_supervisor": "Supervisor with NIP {value} is neither in the file nor in the database. Add that employee or correct the NIP.",
    "import.reason.supervisor_cycle": "The supervisors form a loop ({cycle}): an employee would supervise their own supervisor. Correct <code>supervisor_nip</code> on this line or on the lines of the employees involved.",
    "import.reason.nip.not_18_digits": "An NIP consists of exactly {expected} digits (spaces and dots are fine); this one has {length} characters. Remove letters or other marks and make sure it has {expected} digits.",
    "import.reason.nip.birth_date": "The first 8 digits of the NIP ({value}) are not a valid birth date (YYYYMMDD). Check the NIP.",
    "import.reason.nip.age": "The birth date in the NIP ({birth_date}) is outside the plausible range ({earliest} to {latest}). Check the NIP.",
    "import.reason.nip.tmt": "Digits 9–14 of the NIP ({value}) must be a valid year and month of appointment (TMT), at the earliest when the employee turned 17. Check the NIP.",
    "import.reason.nip.tmt_future": "The appointment date in the NIP ({value}) is in the future. Check the NIP.",
    "import.reason.nip.sex": "Digit 15 of the NIP is {digit}, but it must be 1 (male) or 2 (female). Check the NIP.",
    "import.reason.nip.sequence": "The last three digits of the NIP ({value}) must be a sequence number from 001 to 999. Check the NIP.",
    # SKP.
    "import.reason.format": "An NIP has {length} digits (spaces and dots are fine). Correct the NIP.",
    "import.reason.unknown_nip": "No employee with NIP {nip} is registered. Import the employees first, or correct the NIP.",
    # SKM paper forms.
    "import.reason.skm_unknown_service": "Service {value} is not registered. Check the code, or import the public services first.",
    "import.reason.skm_future_date": "Survey date {value} is in the future. Enter the date the form was filled in.",
    "import.reason.bad_date": "Date {value} cannot be read. Write it as YYYY-MM-DD (for example {example}) or DD/MM/YYYY.",
    "import.reason.unknown_unsur": "SKM element {code} is not known; the elements are U1 to U9. Check the column name.",
    "import.reason.expected_number": "This column takes a number. Correct the value, then import again.",
}
