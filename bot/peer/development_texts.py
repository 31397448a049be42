"""Coaching (bimbingan kinerja), development recommendations, the results comparison and the
recommendation catalogue's command line: the texts of issue 11's development half."""

from __future__ import annotations

ID: dict[str, str] = {
    # --- kinerja catalogue ------------------------------------------------------------------------
    "catalogue.cli.catalogue": "Katalog rekomendasi pengembangan per nilai BerAKHLAK (pelatihan, kegiatan, mentoring).",
    "catalogue.cli.import": "Ganti seluruh katalog dari CSV value_code,kind,title_id,title_en (semua atau tidak sama sekali).",
    "catalogue.cli.list": "Tampilkan katalog yang berlaku (bawaan bila belum ada yang diimpor).",
    "catalogue.cli.format": "table untuk dibaca; csv dalam format impor, sebagai titik awal berkas Anda.",
    "catalogue.cli.imported": "Katalog diganti: {items} rekomendasi untuk {values} nilai BerAKHLAK.",
    "catalogue.cli.dry_run": "Katalog valid: {items} rekomendasi untuk {values} nilai BerAKHLAK. Tidak ada yang disimpan (--dry-run).",
    "catalogue.cli.default": "Belum ada katalog yang diimpor; yang berlaku adalah katalog bawaan.",
    "catalogue.cli.imported_one": "Katalog yang diimpor admin:",
    "catalogue.cli.col.value": "Nilai",
    "catalogue.cli.col.kind": "Jenis",
    "catalogue.cli.col.title": "Rekomendasi",
}

EN: dict[str, str] = {
    # --- kinerja catalogue ------------------------------------------------------------------------
    "catalogue.cli.catalogue": "The catalogue of development recommendations per BerAKHLAK value (training, activities, mentoring).",
    "catalogue.cli.import": "Replace the whole catalogue from a CSV value_code,kind,title_id,title_en (all or nothing).",
    "catalogue.cli.list": "Show the catalogue in use (the default one until one is imported).",
    "catalogue.cli.format": "table to read; csv in the import format, as the starting point of your file.",
    "catalogue.cli.imported": "Catalogue replaced: {items} recommendations for {values} BerAKHLAK values.",
    "catalogue.cli.dry_run": "The catalogue is valid: {items} recommendations for {values} BerAKHLAK values. Nothing was saved (--dry-run).",
    "catalogue.cli.default": "No catalogue has been imported; the default catalogue is in use.",
    "catalogue.cli.imported_one": "The catalogue imported by an admin:",
    "catalogue.cli.col.value": "Value",
    "catalogue.cli.col.kind": "Kind",
    "catalogue.cli.col.title": "Recommendation",
}
