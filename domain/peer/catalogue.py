"""The recommendation catalogue: the default one and an admin's CSV (``kinerja catalogue import``).

The default gives each BerAKHLAK value one training (pelatihan), one on-the-job activity
(kegiatan) and one mentoring item, chosen from what a Pemda can actually arrange: classical or
e-learning courses (BPSDM, the ASN Corporate University, KPK's anti-corruption e-learning),
assignments inside the unit, and a colleague as mentor. An admin replaces it as a whole.

CSV columns ``value_code,kind,title_id,title_en``; all or nothing with line numbers, like the
other imports (line 1 is the header). ``kind`` is pelatihan, kegiatan or mentoring (also in
English: training, activity); a title is one line of at most 200 characters; the same value
and Indonesian title twice is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from domain.appraisal.berakhlak import BERAKHLAK_CODES
from domain.errors import ImportRejected, RowError
from domain.org.csvimport import CsvRow, CsvTable, require_columns
from domain.peer.development import Catalogue, Recommendation, RecommendationKind

CATALOGUE_COLUMNS: Final = ("value_code", "kind", "title_id", "title_en")
TITLE_MAX_LENGTH: Final = 200
KIND_NAMES: Final[Mapping[str, RecommendationKind]] = {
    "pelatihan": RecommendationKind.PELATIHAN,
    "training": RecommendationKind.PELATIHAN,
    "kegiatan": RecommendationKind.KEGIATAN,
    "activity": RecommendationKind.KEGIATAN,
    "mentoring": RecommendationKind.MENTORING,
}

P, K, M = RecommendationKind.PELATIHAN, RecommendationKind.KEGIATAN, RecommendationKind.MENTORING
_DEFAULT: Final = (
    (
        "berorientasi_pelayanan",
        P,
        "Pelatihan Pelayanan Prima",
        "Service excellence training (Pelayanan Prima)",
    ),
    (
        "berorientasi_pelayanan",
        K,
        "Bertugas di loket layanan dan menindaklanjuti satu pengaduan masyarakat sampai tuntas",
        "Serve at the service counter and follow one citizen complaint through to its resolution",
    ),
    (
        "berorientasi_pelayanan",
        M,
        "Belajar dari rekan panutan pelayanan: mendampinginya melayani pengguna layanan",
        "Learn from a service role model: shadow them while they serve the public",
    ),
    (
        "akuntabel",
        P,
        "Pelatihan integritas dan antikorupsi (e-learning ACLC KPK)",
        "Integrity and anti-corruption training (KPK's ACLC e-learning)",
    ),
    (
        "akuntabel",
        K,
        "Menyusun rencana kerja mingguan dan melaporkan capaiannya kepada atasan",
        "Draw up a weekly work plan and report what was achieved to your supervisor",
    ),
    (
        "akuntabel",
        M,
        "Mentoring tentang tertib administrasi dan pengelolaan barang milik daerah",
        "Mentoring on orderly administration and the care of public property",
    ),
    (
        "kompeten",
        P,
        "Pelatihan teknis sesuai jabatan (BPSDM atau ASN Corporate University)",
        "Job-specific technical training (BPSDM or the ASN Corporate University)",
    ),
    (
        "kompeten",
        K,
        "Berbagi pengetahuan: memaparkan satu materi dalam forum internal unit",
        "Knowledge sharing: present one topic at an internal unit forum",
    ),
    (
        "kompeten",
        M,
        "Coaching dan mentoring bersama pegawai senior di bidang yang sama",
        "Coaching and mentoring with a senior colleague in the same field",
    ),
    (
        "harmonis",
        P,
        "Pelatihan komunikasi efektif dan pengelolaan konflik",
        "Effective communication and conflict management training",
    ),
    (
        "harmonis",
        K,
        "Menjadi panitia kegiatan kebersamaan atau bakti sosial unit",
        "Help organise a unit get-together or community service activity",
    ),
    (
        "harmonis",
        M,
        "Mentoring tentang kerja sama dan menghargai perbedaan di tempat kerja",
        "Mentoring on working together and respecting differences at work",
    ),
    (
        "loyal",
        P,
        "Pelatihan wawasan kebangsaan dan nilai bela negara",
        "Training on national insight and the values of bela negara",
    ),
    (
        "loyal",
        K,
        "Menerapkan kode etik dan kode perilaku ASN serta aturan kerahasiaan informasi",
        "Apply the ASN code of ethics and conduct and the rules on confidential information",
    ),
    (
        "loyal",
        M,
        "Mentoring tentang menjaga nama baik instansi dan rahasia jabatan",
        "Mentoring on upholding the institution's good name and official secrecy",
    ),
    (
        "adaptif",
        P,
        "Pelatihan literasi digital dan Sistem Pemerintahan Berbasis Elektronik (SPBE)",
        "Digital literacy and e-government (SPBE) training",
    ),
    (
        "adaptif",
        K,
        "Mengusulkan dan mencoba satu inovasi kecil dalam proses kerja unit",
        "Propose and try out one small innovation in the unit's work process",
    ),
    (
        "adaptif",
        M,
        "Mentoring dengan penggerak inovasi di unit tentang menghadapi perubahan",
        "Mentoring with an innovation champion in the unit on dealing with change",
    ),
    (
        "kolaboratif",
        P,
        "Pelatihan kerja sama tim dan kepemimpinan kolaboratif",
        "Teamwork and collaborative leadership training",
    ),
    (
        "kolaboratif",
        K,
        "Bergabung dalam tim kerja lintas unit atau lintas instansi",
        "Join a working group across units or institutions",
    ),
    (
        "kolaboratif",
        M,
        "Mentoring tentang membangun jejaring dan memanfaatkan sumber daya bersama",
        "Mentoring on building networks and pooling resources",
    ),
)

DEFAULT_CATALOGUE: Final = Catalogue(tuple(Recommendation(*item) for item in _DEFAULT))


def parse_catalogue(table: CsvTable) -> Catalogue:
    """The admin's catalogue, or :class:`ImportRejected` listing every bad row."""
    require_columns(table, CATALOGUE_COLUMNS, ())
    if not table.rows:
        raise ImportRejected([RowError(table.header_line, "file", "empty")])
    errors: list[RowError] = []
    items: list[Recommendation] = []
    first_line: dict[tuple[str, str], int] = {}
    for row in table.rows:
        item = _recommendation(row, errors)
        if item is None:
            continue
        key = (item.value_code, item.title_id.casefold())
        if key in first_line:
            errors.append(
                RowError(row.line, "title_id", "duplicate", {"first_line": first_line[key]})
            )
            continue
        first_line[key] = row.line
        items.append(item)
    if errors:
        raise ImportRejected(errors)
    return Catalogue(tuple(items))


def _recommendation(row: CsvRow, errors: list[RowError]) -> Recommendation | None:
    before = len(errors)
    code = row["value_code"].lower()
    if code not in BERAKHLAK_CODES:
        reason = "required" if not code else "unknown_option"
        options = ", ".join(sorted(BERAKHLAK_CODES))
        errors.append(RowError(row.line, "value_code", reason, {"options": options}))
    kind = KIND_NAMES.get(row["kind"].lower())
    if kind is None:
        reason = "required" if not row["kind"] else "unknown_option"
        errors.append(RowError(row.line, "kind", reason, {"options": ", ".join(KIND_NAMES)}))
    title_id = _title(row, "title_id", errors)
    title_en = _title(row, "title_en", errors)
    if len(errors) > before or kind is None or title_id is None or title_en is None:
        return None
    return Recommendation(code, kind, title_id, title_en)


def _title(row: CsvRow, column: str, errors: list[RowError]) -> str | None:
    title = " ".join(row[column].split())
    if not title:
        errors.append(RowError(row.line, column, "required"))
    elif not title.isprintable():
        errors.append(RowError(row.line, column, "unprintable"))
    elif len(title) > TITLE_MAX_LENGTH:
        errors.append(RowError(row.line, column, "too_long", {"limit": TITLE_MAX_LENGTH}))
    else:
        return title
    return None
