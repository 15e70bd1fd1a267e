"""The cache folder stays small: a store keeps the entries used most recently and removes the
others, a hit marks its entry as used, only files the tool wrote are ever removed, and nothing
about the folder (a file gone meanwhile, a read-only folder) is ever an error."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import ccom_rules.loader
from ccom_rules import cachedir
from ccom_rules.cache import CACHE_ENV_OFF, cache_home
from ccom_rules.cachedir import DERIVED, PACK, UNFINISHED, derived, entry_kind, prune
from ccom_rules.cli import main

from ..conftest import FIXTURE_PACKS

HEX = "0123456789abcdef" * 4
DAY = 86400.0


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, with the cache switched on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(CACHE_ENV_OFF, raising=False)
    yield cache_home()


def _key(n: int) -> str:
    return f"{n:064x}"


def _fill(folder: Path, count: int, start: float, name: str = "pack-{}.pickle") -> list[Path]:
    """``count`` entries, the first used longest ago (one minute apart)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    made = []
    for n in range(count):
        path = folder / name.format(_key(n))
        path.write_bytes(b"x" * 100)
        os.utime(path, (start + 60 * n, start + 60 * n))
        made.append(path)
    return made


def _copies(tmp_path: Path, count: int) -> list[Path]:
    """``count`` copies of a small pack, each a different cache key (their pack.yaml differ)."""
    folders = []
    for n in range(count):
        folder = tmp_path / f"pack{n}"
        shutil.copytree(FIXTURE_PACKS / "mini_pf", folder)
        with open(folder / "pack.yaml", "a", encoding="utf-8") as fh:
            fh.write(f"# copy {n}\n")
        folders.append(folder)
    return folders


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_names_the_tool_writes_and_no_others() -> None:
    assert entry_kind(f"pack-{HEX}.pickle") == PACK
    assert entry_kind(f"catalogue-en-{HEX}.json") == entry_kind(f"pack-id-{HEX}.json") == DERIVED
    assert entry_kind(f".pack-{HEX}.pickle.0123456789ab.tmp") == UNFINISHED
    for foreign in (
        f"pack-{HEX[:-1]}.pickle",
        f"pack-{HEX.upper()}.pickle",
        f"pack-{HEX}.pickle.bak",
        f"pack-{HEX}x.pickle",
        f"notes-{HEX}.txt",
        f"-{HEX}.json",
        f"Catalogue-{HEX}.json",
        f"../x-{HEX}.json",
        f".pack-{HEX}.pickle.tmp",
        ".notes.txt.0123456789ab.tmp",
        "pack-.pickle",
        "README",
    ):
        assert entry_kind(foreign) is None, foreign


def test_the_bound_holds_and_the_least_recently_used_go_first(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    made = _fill(folder, 100, time.time() - 10 * DAY)
    removed = prune(folder)
    assert len(removed) == 100 - cachedir.LIMITS[PACK]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in made[-cachedir.LIMITS[PACK] :])
    assert prune(folder) == []  # within the bound: nothing more


def test_the_entry_just_stored_is_kept_even_when_its_time_says_otherwise(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    made = _fill(folder, 5, time.time() - DAY)
    prune(folder, {PACK: 1}, keep=made[0].name)  # written on a file system that keeps coarse times
    assert [p.name for p in folder.iterdir()] == [made[0].name]


def test_each_kind_has_its_own_bound(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    packs = _fill(folder, 4, time.time() - DAY)
    ids = _fill(folder, 6, time.time() - DAY, "pack-id-{}.json")
    prune(folder, {PACK: 3, DERIVED: 2})
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in packs[1:] + ids[-2:])


def test_stores_keep_the_folder_bounded_and_the_entries_read_last(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(cachedir.LIMITS, PACK, 3)
    folders = _copies(tmp_path, 6)
    for folder in folders[:3]:
        ccom_rules.loader.load_pack(folder)
    stored = sorted(cache_dir.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    assert len(stored) == 3
    for n, path in enumerate(stored):  # written days ago, the first pack longest ago
        _age(path, (5 - n) * DAY)
    oldest = stored[0]
    before = oldest.stat().st_mtime
    ccom_rules.loader.load_pack(folders[0])  # a hit on the oldest entry marks it as used
    assert oldest.stat().st_mtime > before + DAY
    ccom_rules.loader.load_pack(folders[3])  # a miss: stored, and the least recently used goes
    left = set(cache_dir.glob("pack-*.pickle"))
    assert len(left) == 3 and oldest in left and stored[1] not in left
    for folder in folders[4:]:
        ccom_rules.loader.load_pack(folder)
    assert len(list(cache_dir.glob("pack-*.pickle"))) == 3


def test_a_hit_marks_an_entry_at_most_once_a_day(cache_dir: Path, tmp_path: Path) -> None:
    (folder,) = _copies(tmp_path, 1)
    ccom_rules.loader.load_pack(folder)
    (entry,) = cache_dir.glob("pack-*.pickle")
    _age(entry, DAY / 2)
    before = entry.stat().st_mtime_ns
    ccom_rules.loader.load_pack(folder)
    assert entry.stat().st_mtime_ns == before  # used within the day: the folder is not written


def test_derived_entries_are_bounded_and_marked_too(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cachedir.LIMITS, DERIVED, 2)
    for n in range(5):
        assert derived("thing", str(n).encode(), lambda n=n: n, lambda v: isinstance(v, int)) == n
    kept = sorted(cache_dir.glob("thing-*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert len(kept) == 2
    _age(kept[0], 3 * DAY)
    _age(kept[1], 2 * DAY)
    assert derived("thing", b"3", lambda: -1, lambda v: isinstance(v, int)) == 3  # a hit: marked as used
    derived("thing", b"9", lambda: 9, lambda v: isinstance(v, int))
    assert sorted(p.name for p in cache_dir.glob("thing-*.json")) != sorted(p.name for p in kept)
    assert len(list(cache_dir.glob("thing-*.json"))) == 2
    assert derived("thing", b"3", lambda: -1, lambda v: isinstance(v, int)) == 3  # still there


def test_a_link_in_place_of_a_derived_entry_is_not_read(cache_dir: Path, tmp_path: Path) -> None:
    assert derived("thing", b"x", lambda: 1, lambda v: isinstance(v, int)) == 1
    (entry,) = cache_dir.glob("thing-*.json")
    planted = tmp_path / "planted.json"
    planted.write_text("2")
    entry.unlink()
    entry.symlink_to(planted)
    assert derived("thing", b"x", lambda: 3, lambda v: isinstance(v, int)) == 3  # made again, the link not followed
    assert planted.read_text() == "2"


def test_foreign_files_links_and_folders_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _fill(folder, 3, time.time() - DAY)
    outside = tmp_path / "outside.pickle"
    outside.write_bytes(b"keep me")
    (folder / f"pack-{'f' * 64}.pickle").symlink_to(outside)
    (folder / f"pack-{'e' * 64}.pickle").mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "sub").mkdir()
    (folder / "sub" / f"pack-{HEX}.pickle").write_bytes(b"x")
    removed = prune(folder, {PACK: 0, DERIVED: 0, UNFINISHED: 0})
    assert len(removed) == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"pack-{'f' * 64}.pickle", f"pack-{'e' * 64}.pickle", "notes.txt", "sub"]
    )
    assert outside.read_bytes() == b"keep me" and (folder / "sub" / f"pack-{HEX}.pickle").exists()


def test_a_folder_others_can_write_is_not_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _fill(folder, 3, time.time() - DAY)
    folder.chmod(0o777)
    assert prune(folder, {PACK: 0}) == []
    assert len(list(folder.iterdir())) == 3


def test_unfinished_writes_go_after_an_hour(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    old, fresh = _fill(folder, 2, time.time() - 2 * 3600 - 60, ".pack-{}.pickle.0123456789ab.tmp")  # a minute apart
    _age(fresh, 60)  # still being written, perhaps
    assert [e.name for e in prune(folder)] == [old.name]
    assert [p.name for p in folder.iterdir()] == [fresh.name]


def test_a_file_gone_meanwhile_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    _fill(folder, 10, time.time() - DAY)
    listed = cachedir.entries

    def listed_then_gone(where: Path) -> Iterator[cachedir.Found]:
        found = list(listed(where))
        for entry in found[::2]:  # another process prunes half of them first
            (where / entry.name).unlink()
        return iter(found)

    monkeypatch.setattr(cachedir, "entries", listed_then_gone)
    removed = prune(folder, {PACK: 0})
    assert len(removed) == 5 and not list(folder.iterdir())


def test_a_read_only_folder_is_no_error(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cachedir.LIMITS, PACK, 1)
    folders = _copies(tmp_path, 2)
    want = [ccom_rules.loader.load_pack(folder) for folder in folders]
    (entry,) = cache_dir.glob("pack-*.pickle")
    _age(entry, 3 * DAY)

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "utime", refused)
    monkeypatch.setattr(os, "unlink", refused)
    assert [ccom_rules.loader.load_pack(folder) for folder in folders] == want  # a hit not marked, a miss not pruned
    assert prune(cache_dir, {PACK: 0}) == []


def test_cache_info_and_clear(cache_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["cache", "info"])
    assert result.exit_code == 0 and f"folder: {cache_dir}" in result.output and "not created yet" in result.output
    assert "enabled: yes" in result.output
    for folder in _copies(tmp_path, 2):
        ccom_rules.loader.load_pack(folder)
    (cache_dir / "notes.txt").write_text("mine")
    result = runner.invoke(main, ["cache", "info"])
    assert result.exit_code == 0
    assert f"compiled packs: 2 (at most {cachedir.LIMITS[PACK]} kept)" in result.output
    assert "other files and folders (never removed): 1" in result.output
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "2 compiled packs" in result.output
    assert [p.name for p in cache_dir.iterdir()] == ["notes.txt"]
    result = runner.invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "nothing (no entries)" in result.output
    result = runner.invoke(main, ["cache", "info"], env={CACHE_ENV_OFF: "1"})
    assert f"enabled: no ({CACHE_ENV_OFF} is set)" in result.output


def test_cache_clear_leaves_a_folder_it_does_not_trust(cache_dir: Path) -> None:
    _fill(cache_dir, 2, time.time() - DAY)
    cache_dir.chmod(0o777)
    result = CliRunner().invoke(main, ["cache", "clear"])
    assert result.exit_code == 0 and "nothing removed" in result.output and "not writable by group or others" in result.output
    assert len(list(cache_dir.iterdir())) == 2
