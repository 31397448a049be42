"""Binding a Telegram account to an employee."""

ID: dict[str, str] = {
    "registration.title": "Pendaftaran pegawai",
    "registration.ask_nip": (
        "Ketik <b>NIP</b> Anda (18 digit; spasi dan titik boleh), misalnya "
        "<code>19960818 202204 1 001</code>."
    ),
    "registration.ask_code": (
        "Ketik <b>kode pendaftaran</b> dari admin kepegawaian Anda (10 huruf/angka, "
        "misalnya <code>ABCDE-FGHJK</code>)."
    ),
    "registration.welcome": (
        "Selamat datang! Akun Telegram Anda kini terhubung sebagai <b>{name}</b>"
    ),
}

EN: dict[str, str] = {
    "registration.title": "Employee registration",
    "registration.ask_nip": (
        "Type your <b>NIP</b> (18 digits; spaces and dots are fine), for example "
        "<code>19960818 202204 1 001</code>."
    ),
    "registration.ask_code": (
        "Type the <b>registration code</b> from your HR admin (10 letters/digits, for example "
        "<code>ABCDE-FGHJK</code>)."
    ),
    "registration.welcome": "Welcome! Your Telegram account is now linked as <b>{name}</b>",
}
