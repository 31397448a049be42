"""The foundation through the real bot process: menu, help, language, registration, bad input,
restart, and webhook mode."""

from __future__ import annotations

import csv
import json

from tests.e2e.rig import BotProcess

AGUS = "197511021997081001"  # Kepala Dinas Kependudukan dan Pencatatan Sipil (demo)


def issue_code(bot: BotProcess, nip: str) -> str:
    out = bot.workdir / f"codes-{nip}.csv"
    bot.cli("codes", "issue", "--nip", nip, "--out", str(out))
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert rows[0]["deep_link"].startswith("https://t.me/kinerja_test_bot?start=reg_")
    return rows[0]["code"]


def test_a_newcomer_sees_the_citizen_menu_help_and_can_switch_language(bot, people):
    warga = people("Siti")
    warga.send("/start")
    menu = warga.expect_buttons("Nilai layanan", "Daftar sebagai pegawai", "Bantuan")
    assert "Pemerintah Kota Sukamaju" in menu.text
    warga.send("/bantuan")
    assert "PermenPANRB 6/2022" in warga.expect("Privasi").text
    warga.send("/bahasa")
    warga.expect("Language changed to")
    warga.expect_buttons("Rate a service", "Help")
    assert bot.tg.commands[("default", "")][0][0] == "start"
    assert ("default", "en") in bot.tg.commands


def test_an_employee_binds_the_account_with_the_deep_link_once(bot, people):
    code = issue_code(bot, AGUS)
    agus = people("Agus")
    agus.send(f"/start reg_{code.replace('-', '')}")
    agus.expect("terhubung sebagai", "Agus Setiawan")
    agus.expect("Halo", "Kepala Dinas")
    stranger = people("Penyusup")
    stranger.send(f"/start reg_{code.replace('-', '')}")
    stranger.expect("sudah pernah dipakai")


def test_codes_written_to_a_folder_get_a_clear_error_and_retire_no_code(bot, people):
    code = issue_code(bot, AGUS)
    refused = bot.cli("codes", "issue", "--nip", AGUS, "--out", str(bot.workdir), check=False)
    assert refused.returncode == 2
    assert "tidak dapat dibuka" in " ".join(refused.stderr.split())  # rich wraps long lines
    assert "Traceback" not in refused.stderr
    agus = people("Agus")
    agus.send(f"/start reg_{code.replace('-', '')}")  # the earlier code still works
    agus.expect("terhubung sebagai", "Agus Setiawan")


def test_daftar_asks_for_nip_and_code_and_locks_out_after_five_wrong_codes(bot, people):
    code = issue_code(bot, AGUS)
    budi = people("Budi")
    budi.send("/daftar")
    budi.expect("NIP")
    budi.send("1975 1102")  # not 18 digits: the same question again
    budi.expect("18 digit")
    budi.expect("Ketik <b>NIP</b>".replace("<b>", "").replace("</b>", ""))
    budi.send("19751102 199708 1 001")
    budi.expect("kode pendaftaran")
    for attempt in range(4):
        budi.send("ABCDE-FGHJK")
        budi.expect("tidak cocok", f"sisa percobaan: {4 - attempt}")
    budi.send("ABCDE-FGHJK")
    budi.expect("Terlalu banyak percobaan")  # the form ends, saying when to try again
    budi.send(code)  # no form asks for a code any more
    budi.expect("tidak sedang menunggu jawaban")
    budi.send("/daftar")  # the form does not open before the lockout ends
    budi.expect("Terlalu banyak percobaan")
    budi.send(f"/start reg_{code}")  # even the right code waits for the lockout to end
    budi.expect("Terlalu banyak percobaan")


def test_the_right_code_after_a_wrong_one_binds_the_account(bot, people):
    code = issue_code(bot, AGUS)
    budi = people("Budi")
    budi.send("/daftar")
    budi.expect("NIP")
    budi.send(AGUS)
    budi.expect("kode pendaftaran")
    budi.send("ABCDE-FGHJK")
    budi.expect("tidak cocok")
    budi.send(code.lower())
    budi.expect("terhubung sebagai")


def test_bad_input_gets_a_short_reply_and_changes_nothing(bot, people, tg):
    warga = people("Rina")
    warga.send("/tidakada")
    warga.expect("tidak saya kenal")
    tg.send_sticker(warga.user)
    warga.expect("Jenis pesan ini tidak dapat saya proses")
    warga.send("halo")
    warga.expect("tidak sedang menunggu jawaban")
    tg.send_text(warga.user, "pesan")
    warga.expect("tidak sedang menunggu")
    tg.edit_text(warga.user, tg.last_user_message_id(warga.user), "pesan diubah")
    warga.expect("Pesan yang diubah tidak saya proses")
    tg.send_group_text(warga.user, -100123, "/start@kinerja_test_bot")
    reply = tg.wait_for_message(-100123)
    assert "chat pribadi" in reply.text
    warga.send("/start")
    menu = warga.expect_buttons("Bantuan")
    forged = tg.press(warga.user, menu, "q1:zz:1:a0")  # a session that does not exist
    garbage = tg.press(warga.user, menu, "x" * 10)  # not even our format
    assert "tidak berlaku" in (tg.wait_for_callback_answer(forged).text or "")  # no internal id
    assert "tidak dikenal" in (tg.wait_for_callback_answer(garbage).text or "")


def test_an_oversized_message_is_refused_with_the_limit(bot, people):
    warga = people("Dewi")
    warga.send("/daftar")
    warga.expect("NIP")
    warga.send("9" * 4050)
    warga.expect("terlalu panjang", "4000")


def test_registration_resumes_at_the_same_question_after_the_bot_is_killed(bot, people):
    code = issue_code(bot, AGUS)
    agus = people("Agus")
    agus.send("/daftar")
    agus.expect("NIP")
    agus.send(AGUS)
    agus.expect("kode pendaftaran")
    bot.kill()
    bot.start()
    agus.send(code)
    agus.expect("terhubung sebagai")


def test_the_token_never_appears_in_the_log(bot, people):
    warga = people("Ani")
    warga.send("/start")
    warga.expect_buttons("Bantuan")
    secret_part = bot.tg.token.split(":")[1]
    assert secret_part not in bot.log


def test_webhook_mode_accepts_only_the_secret_header(tg, demo_database_url, tmp_path, people):
    process = BotProcess(tg, demo_database_url, tmp_path)
    port = _free_port()
    process.extra_env.update(
        KINERJA_MODE="webhook",
        KINERJA_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        KINERJA_WEBHOOK_SECRET="s3cret-header_value",
        KINERJA_WEBHOOK_LISTEN="127.0.0.1",
        KINERJA_WEBHOOK_PORT=str(port),
    )
    process.start()
    try:
        warga = people("Wati")
        warga.send("/start")
        warga.expect_buttons("Bantuan")
        forged = {
            "update_id": 999999,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": warga.user.id, "type": "private"},
                "from": {"id": warga.user.id, "is_bot": False, "first_name": "X"},
                "text": "/start",
            },
        }
        url = f"http://127.0.0.1:{port}/telegram"
        assert tg.deliver_raw(json.loads(json.dumps(forged)), secret="wrong", url=url) == 403
        tg.mark_read(warga.user.id)
        # Telegram retries a delivery it believes failed: the same update twice, one answer.
        message = {
            **forged["message"],
            "text": "/bantuan",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        }
        retry = {"update_id": 888888, "message": message}
        for _ in range(2):
            assert tg.deliver_raw(retry, secret="s3cret-header_value", url=url) == 200
        warga.expect("Privasi")
        warga.silent(within=1.0)
    finally:
        process.stop()
    process.assert_clean_log()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_photo_where_text_is_expected_and_a_stale_button_change_nothing(bot, people, tg):
    eka = people("Eka")
    eka.send("/daftar")
    first = eka.expect("Ketik NIP")
    tg.send_photo(eka.user)
    eka.expect("dijawab dengan mengetik teks")
    eka.expect("Ketik NIP")  # the same question, again
    eka.send(AGUS)
    eka.expect("kode pendaftaran")
    stale = tg.press(eka.user, first, eka.button_data(first, "Batal"))
    assert "pesan lama" in (tg.wait_for_callback_answer(stale).text or "")
    eka.send("ABCDE-FGHJK")  # still at the code question: the stale cancel did nothing
    eka.expect("tidak cocok")
