"""The roles' actions, read from the one policy table."""

from __future__ import annotations

from cadre.access.policy import POLICY, Reach, Role, Verb, actions, reach


def test_every_role_has_a_line_in_the_policy() -> None:
    assert set(POLICY) == set(Role)


def test_an_auditor_reads_everything_and_writes_nothing() -> None:
    granted = actions([Role.AUDITOR])
    assert [a for a in granted if not a.startswith("read:")] == ["inspect:audit-trail"]
    assert reach([Role.AUDITOR], Verb.WRITE, "pledges") is None


def test_an_administrator_manages_users_but_reads_no_record() -> None:
    assert actions([Role.ADMINISTRATOR]) == ["inspect:audit-trail", "manage:jobs", "manage:users"]


def test_a_national_contributor_writes_its_own_forces_only() -> None:
    assert [reach([Role.NATIONAL_CONTRIBUTOR], Verb.WRITE, k) for k in ("pledges", "sites")] == [
        Reach.OWN,
        None,
    ]


def test_the_widest_reach_among_several_roles_wins() -> None:
    roles = [Role.NATIONAL_CONTRIBUTOR, Role.FORCE_GENERATION_OFFICER]
    assert reach(roles, Verb.WRITE, "pledges") is Reach.ANY


def test_only_planners_start_capacity_plans() -> None:
    allowed = {role for role in Role if reach([role], Verb.RUN, "capacity") is not None}
    assert allowed == {Role.MISSION_PLANNER}
