"""The IKM overview chart (``kinerja report ikm --format png``) and its command-line options."""

ID: dict[str, str] = {
    "skm.overview.title_service": "IKM per Layanan",
    "skm.overview.title_unit": "IKM per Unit",
    "skm.overview.subtitle": "Periode {from} – {to} · {groups} dengan responden, diurutkan menurut IKM",
    "skm.overview.left_out": "{count} tanpa responden atau tanpa IKM tidak ditampilkan",
    "skm.overview.bar": "IKM {ikm} · mutu {mutu} · {respondents} responden",
    "skm.overview.xlabel": "IKM (nilai interval konversi, 25–100)",
    "skm.cli.help.per_service": "Dengan --format png: tulis juga grafik NRR tiap layanan (atau unit) yang punya responden ke folder ini sebagai KODE.png.",
    "skm.cli.report.nothing_to_chart": "Tidak ada layanan atau unit dengan responden pada periode ini; tidak ada grafik yang dibuat.",
}

EN: dict[str, str] = {
    "skm.overview.title_service": "IKM per Service",
    "skm.overview.title_unit": "IKM per Unit",
    "skm.overview.subtitle": "Period {from} – {to} · {groups} with respondents, ranked by IKM",
    "skm.overview.left_out": "{count} without respondents or without an IKM not shown",
    "skm.overview.bar": "IKM {ikm} · quality {mutu} · {respondents} respondents",
    "skm.overview.xlabel": "IKM (converted interval score, 25–100)",
    "skm.cli.help.per_service": "With --format png: also write the NRR chart of each service (or unit) with respondents to this folder as CODE.png.",
    "skm.cli.report.nothing_to_chart": "No service or unit has respondents in this period; no chart was written.",
}
