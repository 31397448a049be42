"""The main menu offers each role what it can do, and nothing it would be refused."""

from __future__ import annotations

from bot.core.menu import render_menu
from domain.actors import Actor, StaffMember


def staff(*, is_admin: bool = False, admin_unit_id: int | None = None) -> StaffMember:
    return StaffMember(
        9,
        "199707152022012002",
        "Maya Indah Permata",
        "Analis SDM Aparatur Ahli Pertama",
        "fungsional",
        16,
        "BKPSDM-PKAP",
        "Bidang Penilaian Kinerja Aparatur",
        27,
        4242,
        is_admin=is_admin,
        admin_unit_id=admin_unit_id,
    )


def labels(actor: Actor) -> list[str]:
    rendered = render_menu(actor, organisation="Pemerintah Kota Sukamaju", tasks=[])
    return [label for row in rendered.buttons for label, _ in row]


def test_a_citizen_can_rate_a_service_and_register_but_sees_no_staff_items():
    found = labels(Actor(4242, "id"))
    assert found == ["⭐ Nilai layanan", "🪪 Daftar sebagai pegawai", "❓ Bantuan", "🌐 English"]


def test_an_employee_heading_nothing_gets_no_distribution_or_reports():
    found = labels(Actor(4242, "id", staff()))
    assert not any("Distribusi" in label for label in found)
    assert not any("Laporan" in label for label in found)


def test_a_unit_head_and_every_admin_get_the_distribution():
    head = Actor(4242, "id", staff(), has_subordinates=True, heads_unit=True)
    org_admin = Actor(4242, "id", staff(is_admin=True))
    unit_admin = Actor(4242, "id", staff(is_admin=True, admin_unit_id=5))
    for actor in (head, org_admin, unit_admin):
        assert "📈 Distribusi predikat" in labels(actor)
    assert "🗓 Periode" in labels(org_admin)
    assert "🗓 Periode" not in labels(unit_admin)  # periods belong to the whole organisation


def test_peer_feedback_is_on_the_menu_only_while_something_waits_for_the_employee():
    actor = Actor(4242, "id", staff())
    assert "✍ Umpan balik rekan" not in labels(actor)
    waiting = render_menu(
        actor,
        organisation=None,
        tasks=["Umpan balik untuk 2 orang menunggu Anda"],
        waiting=frozenset({"peer.task.give"}),
    )
    assert "✍ Umpan balik rekan" in [label for row in waiting.buttons for label, _ in row]
    citizen = render_menu(
        Actor(4242, "id"), organisation=None, tasks=[], waiting=frozenset({"peer.task.give"})
    )
    assert "✍ Umpan balik rekan" not in [label for row in citizen.buttons for label, _ in row]
