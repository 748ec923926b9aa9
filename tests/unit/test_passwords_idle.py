"""Argon2 password hashes, the new-password rules and the idle lock."""

from datetime import UTC, datetime, timedelta

import pytest

from reinsercion_desktop.security.idle import IdlePolicy
from reinsercion_desktop.security.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    password_problem,
    verify_password,
)


@pytest.fixture(scope="module")
def stored_hash() -> str:
    return hash_password("secreta123")


def test_hash_is_argon2id_and_not_the_password(stored_hash):
    assert stored_hash.startswith("$argon2id$")
    assert "secreta123" not in stored_hash


def test_hashes_of_the_same_password_are_salted():
    assert hash_password("secreta123") != hash_password("secreta123")


def test_right_password_verifies(stored_hash):
    assert verify_password(stored_hash, "secreta123") is True


@pytest.mark.parametrize("wrong", ["secreta124", "Secreta123", "", "secreta123 "])
def test_wrong_password_does_not_verify(stored_hash, wrong):
    assert verify_password(stored_hash, wrong) is False


@pytest.mark.parametrize("broken_hash", ["", "not-a-hash", "$argon2id$v=19$garbage"])
def test_broken_hash_does_not_verify_nor_raise(broken_hash):
    assert verify_password(broken_hash, "secreta123") is False


def test_accented_password_round_trips():
    stored = hash_password("contraseña-ñú")
    assert verify_password(stored, "contraseña-ñú")
    assert not verify_password(stored, "contrasena-nu")


def test_password_problem_accepts_a_good_password():
    assert password_problem("secreta123") is None
    assert password_problem("secreta123", "secreta123") is None
    assert password_problem("x" * MIN_PASSWORD_LENGTH) is None


def test_password_problem_short():
    problem = password_problem("x" * (MIN_PASSWORD_LENGTH - 1))
    assert problem is not None
    assert str(MIN_PASSWORD_LENGTH) in problem


@pytest.mark.parametrize("padded", [" secreta123", "secreta123 "])
def test_password_problem_leading_or_trailing_spaces(padded):
    assert "espacios" in (password_problem(padded) or "")


def test_password_problem_repeat_differs():
    assert "no coinciden" in (password_problem("secreta123", "secreta321") or "")


# -- idle lock ---------------------------------------------------------------------------

START = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def test_idle_policy_locks_after_the_minutes():
    policy = IdlePolicy(minutes=10, last_activity=START)
    assert not policy.should_lock(START)
    assert not policy.should_lock(START + timedelta(minutes=9, seconds=59))
    assert policy.should_lock(START + timedelta(minutes=10))
    assert policy.should_lock(START + timedelta(hours=3))


def test_idle_policy_touch_restarts_the_count():
    policy = IdlePolicy(minutes=10, last_activity=START)
    policy.touch(START + timedelta(minutes=8))
    assert not policy.should_lock(START + timedelta(minutes=12))
    assert policy.should_lock(START + timedelta(minutes=18))


def test_idle_policy_zero_minutes_never_locks():
    policy = IdlePolicy(minutes=0, last_activity=START)
    assert not policy.should_lock(START + timedelta(days=30))
