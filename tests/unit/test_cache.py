"""The compiled-pack cache: results are byte-identical with it and without it, and a stale or
corrupt entry is ignored and rebuilt, never an error."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import ccom_rules.loader
from ccom_rules import evaluate, installed_packs, load_manifest
from ccom_rules.cache import CACHE_ENV_OFF, cache_home

from ..conftest import EXAMPLES, FIXTURE_PACKS, ROOT

PACKS_HOME = ROOT / "clause_packs"

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/manifest.yaml"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, with the cache switched on."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(CACHE_ENV_OFF, raising=False)
    yield cache_home()


def _results(packs: list) -> list[str]:  # type: ignore[type-arg]
    return [evaluate(packs, load_manifest(path, packs)).model_dump_json(indent=2) for path in EXAMPLE_MANIFESTS]


def _parsing_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any file of an installed pack fails the test (manifests are still read)."""
    original = ccom_rules.loader.read

    def guarded(path: Path, *args: object, **kwargs: object) -> object:
        if PACKS_HOME in Path(path).resolve().parents:
            raise AssertionError(f"{path} was parsed although its pack's compiled form is cached")
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ccom_rules.loader, "read", guarded)


def test_results_are_byte_identical_with_and_without_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV_OFF, "1")
    without = _results(installed_packs())
    assert not cache_dir.exists()  # switched off: nothing written
    monkeypatch.delenv(CACHE_ENV_OFF)
    cold = _results(installed_packs())  # read from the files, then stored
    assert len(list(cache_dir.glob("pack-*.pickle"))) == 3
    with monkeypatch.context() as patched:
        _parsing_forbidden(patched)
        warm = installed_packs()  # every pack from the cache
    assert _results(warm) == cold == without


def test_a_corrupt_entry_is_ignored_and_rewritten(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = _results(installed_packs())
    entries = sorted(cache_dir.glob("pack-*.pickle"))
    assert entries
    entries[0].write_bytes(b"\x80\x05not a pickle at all")
    entries[1].write_bytes(entries[1].read_bytes()[:100])  # truncated
    entries[2].write_bytes(b"")
    assert _results(installed_packs()) == want
    with monkeypatch.context() as patched:  # rewritten: the next read comes from the cache again
        _parsing_forbidden(patched)
        assert _results(installed_packs()) == want


def test_an_entry_of_another_kind_is_ignored(cache_dir: Path) -> None:
    import pickle

    want = _results(installed_packs())
    for entry in cache_dir.glob("pack-*.pickle"):
        entry.write_bytes(pickle.dumps({"format": 1, "something": "else"}))
    assert _results(installed_packs()) == want


def test_a_changed_included_file_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACKS_HOME / "ccom_sj_t_11739", folder)
    first = ccom_rules.loader.load_pack(folder)
    assert ccom_rules.loader.load_pack(folder) == first  # cached
    included = [folder / rel for rel in first.include]
    assert included, "the fixture pack includes a file"
    title = first.clauses[0].title.en
    holder = next(path for path in included if f"en: {title}" in path.read_text(encoding="utf-8"))
    holder.write_text(holder.read_text(encoding="utf-8").replace(f"en: {title}", "en: Renamed in place", 1), encoding="utf-8")
    changed = ccom_rules.loader.load_pack(folder)
    assert changed.clauses[0].title.en == "Renamed in place"
    assert changed.sha256 != first.sha256


def test_an_invalid_pack_is_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURE_PACKS / "mini_pf", folder)
    head = folder / "pack.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("version:", "versoin:", 1), encoding="utf-8")
    pack, problems = ccom_rules.loader.read_pack(folder)
    assert pack is None and problems
    assert not list(cache_dir.glob("pack-*.pickle"))


def test_a_cached_pack_still_knows_where_its_parts_were_written(cache_dir: Path) -> None:
    import copy

    cold = {p.id: p for p in installed_packs()}  # read from the files, then stored
    warm = {p.id: p for p in installed_packs()}  # from the cache: the sources are read back on first use
    for pack_id, pack in warm.items():
        assert pack.sources is not None and cold[pack_id].sources is not None
        for clause in (pack.clauses[0], pack.clauses[-1]):
            where = pack.sources.clause(clause.id)
            assert where is not None and where == cold[pack_id].sources.clause(clause.id)
            assert Path(where.file).name.endswith(".yaml") and where.line > 1
        for copied in (copy.copy(pack), copy.deepcopy(pack), pack.model_copy(deep=True)):
            assert copied.sources is not None
            assert copied.sources.clause(pack.clauses[0].id) == pack.sources.clause(pack.clauses[0].id)


def _catalogue_parsing_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccom_rules import i18n

    def refuse(raw: bytes) -> dict[str, str]:
        raise AssertionError("a catalogue was parsed although it is cached")

    monkeypatch.setattr(i18n, "_parse_catalogue", refuse)


def test_message_catalogues_are_cached_and_read_back_the_same(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccom_rules import i18n

    read = i18n.catalogue.__wrapped__  # type: ignore[attr-defined]  # each call reads afresh (no memo)
    monkeypatch.setenv(CACHE_ENV_OFF, "1")
    parsed = {lang: read(lang) for lang in i18n.LANGS}
    assert not cache_dir.exists()  # switched off: nothing written
    monkeypatch.delenv(CACHE_ENV_OFF)
    assert {lang: read(lang) for lang in i18n.LANGS} == parsed  # parsed, then stored
    entries = sorted(cache_dir.glob("catalogue-*.json"))
    assert len(entries) == 2
    with monkeypatch.context() as patched:
        _catalogue_parsing_forbidden(patched)
        again = {lang: read(lang) for lang in i18n.LANGS}
    assert again == parsed and all(list(again[lang].items()) == list(parsed[lang].items()) for lang in i18n.LANGS)
    entries[0].write_bytes(b'{"truncated": ')
    entries[1].write_bytes(b'{"list.sep": 3}')  # not a catalogue
    assert {lang: read(lang) for lang in i18n.LANGS} == parsed  # both ignored, parsed again and rewritten
    with monkeypatch.context() as patched:
        _catalogue_parsing_forbidden(patched)
        assert {lang: read(lang) for lang in i18n.LANGS} == parsed


def test_pack_ids_on_the_path_are_read_back_from_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ccom_rules import packpath

    folders = sorted(p for p in PACKS_HOME.iterdir() if (p / "pack.yaml").is_file())
    monkeypatch.setattr(packpath, "_IDS", {})
    ids = [packpath.pack_id_of(folder) for folder in folders]
    assert ids == [folder.name for folder in folders]  # the installed packs' folders are named by id
    assert len(list(cache_dir.glob("pack-id-*.json"))) == len(folders)

    def refuse(raw: bytes, file: str) -> str | None:
        raise AssertionError(f"{file} was parsed although its id is cached")

    with monkeypatch.context() as patched:
        patched.setattr(packpath, "_IDS", {})
        patched.setattr(packpath, "_parsed_id", refuse)
        assert [packpath.pack_id_of(folder) for folder in folders] == ids
    renamed = tmp_path / "renamed"  # a changed pack.yaml is a new key: read again
    shutil.copytree(folders[0], renamed)
    head = renamed / "pack.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace(f"id: {ids[0]}", "id: another_id", 1), encoding="utf-8")
    assert packpath.pack_id_of(renamed) == "another_id"
    head.write_text("id: [not, text]\n", encoding="utf-8")
    assert packpath.pack_id_of(renamed) == "renamed"  # no id: the folder's name, as before


def test_models_pickle_to_equal_models_with_the_same_fields_given(cache_dir: Path) -> None:
    import pickle

    packs = installed_packs()
    manifest = load_manifest(EXAMPLE_MANIFESTS[0], packs)
    result = evaluate(packs, manifest)
    for model in (*packs, manifest, result):
        back = pickle.loads(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is type(model) and back == model
        assert back.model_dump_json() == model.model_dump_json()
        assert back.model_dump(exclude_unset=True) == model.model_dump(exclude_unset=True)
        assert back.__pydantic_private__ == model.__pydantic_private__


def test_a_pack_is_scored_by_the_model_registered_now(cache_dir: Path) -> None:
    """A model registered from outside the package is code the cache key does not fingerprint: a
    pack using it is not cached, and an entry holding another class than the one registered under
    its model's name now (a built-in name taken over by a registered class) is not used."""
    from ccom_rules import load_pack
    from ccom_rules.scoring import BUILT_IN, register, unregister
    from ccom_rules.scoring.pass_fail import PassFail

    from ..conftest import TESTS
    from ..scoring_model.percent_met import PercentMet, PercentMetShown

    mini = TESTS / "scoring_model" / "mini_pct"
    register(PercentMet)
    try:
        assert type(load_pack(mini).scoring) is PercentMet
        register(PercentMetShown)  # the same name, another class
        assert type(load_pack(mini).scoring) is PercentMetShown
        assert not cache_dir.exists() or not list(cache_dir.glob("pack-*.pickle"))  # nothing of it cached
    finally:
        unregister("percent_met")

    class Stricter(PassFail):
        """A built-in model's name taken over by another class."""

    ccom = PACKS_HOME / "ccom_sj_t_11739"
    assert type(load_pack(ccom).scoring) is PassFail  # read from the files, then stored
    assert len(list(cache_dir.glob("pack-*.pickle"))) == 1
    register(Stricter)
    try:
        assert type(load_pack(ccom).scoring) is Stricter  # the stored entry holds PassFail: not used
    finally:
        register(BUILT_IN["pass_fail"])
    assert type(load_pack(ccom).scoring) is PassFail
