"""kroniek.kb.regex_cache: a pattern compiled from the cache is the pattern re.compile gives."""

import re

from kroniek.kb import regex_cache

SPECS = [
    (r"(?P<np>(?:de|het|een)\s+(?:woordvoerder|minister)(?:\s+van\s+[A-Z]\w+)?)", 0),
    (r"\s*(?i:dat|dit|that)\s*", re.IGNORECASE),
    (r"(?P<g0>liet(?:\s+[^\s,.;:!?]+){0,3}?\s+weten)|(?P<g1>zei)(?![\w'’-])", re.IGNORECASE),
    (r"[,;:()\[\]–—]", 0),
]
TEXTS = ["Dat zei de woordvoerder van Defensie woensdag.", "De minister LIET maandag via Telegram WETEN dat",
         "that, a spokesman said; (Reuters)", "een minister van Buitenlandse Zaken"]


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        for pos in range(len(text)):
            ma, mb = a.match(text, pos), b.match(text, pos)
            assert (ma and (ma.span(), ma.groupdict(), ma.lastgroup)) == (mb and (mb.span(), mb.groupdict(), mb.lastgroup))
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]


def test_cached_patterns_match_like_re_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    first = regex_cache.compile_all(SPECS, name="test-regex")
    assert list(tmp_path.glob("test-regex-*.pickle"))
    second = regex_cache.compile_all(SPECS, name="test-regex")  # from the cache
    for (pattern, flags), a, b in zip(SPECS, first, second):
        _same(re.compile(pattern, flags), a)
        _same(re.compile(pattern, flags), b)


def test_without_the_engine_internals_re_compile_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_engine", lambda: None)
    for (pattern, flags), compiled in zip(SPECS, regex_cache.compile_all(SPECS)):
        _same(re.compile(pattern, flags), compiled)


def test_an_unreadable_cache_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    regex_cache.compile_all(SPECS, name="test-regex")
    path = next(tmp_path.glob("test-regex-*.pickle"))
    path.write_bytes(b"not a pickle")
    for (pattern, flags), compiled in zip(SPECS, regex_cache.compile_all(SPECS, name="test-regex")):
        _same(re.compile(pattern, flags), compiled)


def test_code_the_engine_rejects_is_compiled_again(tmp_path, monkeypatch):
    from kroniek.kb import cache

    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    sre = regex_cache._engine()[0]
    version = regex_cache._version([(p, int(f)) for p, f in SPECS], sre)
    cache.store("test-regex", version, [(0, [999, 1, 2], 0, {}, (None,)) for _ in SPECS])
    for (pattern, flags), compiled in zip(SPECS, regex_cache.compile_all(SPECS, name="test-regex")):
        _same(re.compile(pattern, flags), compiled)


def test_a_parser_that_fails_falls_back_to_re_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))

    def broken(*args, **kwargs):
        raise AttributeError("the interpreter's parser changed")

    monkeypatch.setattr(regex_cache, "_compiled_code", broken)
    for (pattern, flags), compiled in zip(SPECS, regex_cache.compile_all(SPECS, name="test-regex")):
        _same(re.compile(pattern, flags), compiled)
    assert not list(tmp_path.glob("test-regex-*.pickle"))  # nothing half-made is stored


def test_attribution_rules_read_alike_without_the_engine_internals(tmp_path, monkeypatch):
    from kroniek.semantics.attribution_rules import compile_rules

    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    texts = {"nl": "Volgens de Oekraïense defensiefunctionaris Oleksij Reznikov zei hij tegen Reuters dat het leger terugtrok.",
             "en": "According to a senior defence official, Oleksii Reznikov told Reuters the army had withdrawn."}
    cached = {lang: compile_rules(lang) for lang in texts}
    monkeypatch.setattr(regex_cache, "_engine", lambda: None)
    for lang, text in texts.items():
        plain = compile_rules(lang)
        for name in ("np_after", "np_full", "np_strict", "outlet", "addressee"):
            a, b = getattr(cached[lang], name), getattr(plain, name)
            assert a.pattern == b.pattern
            spans = [(a.match(text, pos), b.match(text, pos)) for pos in range(len(text))]
            assert all((x and x.span()) == (y and y.span()) for x, y in spans)
            assert any(x for x, _ in spans)
