"""Readers: every input format, the seed's header/caption layout, and bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kroniek.document import PubDate
from kroniek.readers import ReaderOptions, ReadError, read, read_text

SPINE = Path(__file__).resolve().parent / "fixtures" / "spine"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_de858485ae5ef44c.txt"
if not SEED.exists():
    SEED = Path("/work/shared/seed/000_de858485ae5ef44c.txt")


def read_all(*paths: str | Path, **options) -> list:
    return list(read([str(p) for p in paths], ReaderOptions(**options)))


def only_doc(*paths: str | Path, **options):
    items = read_all(*paths, **options)
    assert len(items) == 1, items
    assert not isinstance(items[0], ReadError), str(items[0])
    return items[0]


def only_error(*paths: str | Path, **options) -> ReadError:
    items = read_all(*paths, **options)
    assert len(items) == 1, items
    assert isinstance(items[0], ReadError), items[0]
    return items[0]


# -- plain text and the seed layout ---------------------------------------------

def test_seed_layout_header_becomes_metadata_and_caption_stays_in_text():
    doc = only_doc(SPINE / "nl_layout.txt")
    assert doc.date == PubDate(2022, 3, 8)
    assert "date" not in doc.text[:20] and not doc.text.startswith(" ")
    assert doc.text.startswith("Inwoners van Irpin steken maandag")
    [caption] = doc.layer("captions")
    assert caption.text(doc).startswith("Inwoners van Irpin")
    assert caption.text(doc).endswith("Foto Oleksandr Ratoesjnjak / AFP")
    assert doc.meta["header"] == {"date": "2022-03-08"}
    assert "headlines" not in doc.layers  # a caption line is not a title


def test_plain_text_without_header_keeps_everything_and_finds_the_title():
    doc = only_doc(SPINE / "en_plain.txt")
    assert doc.date is None
    assert doc.text.startswith("Eight killed as mortar hits")
    assert doc.title == "Eight killed as mortar hits evacuation route near Kyiv"
    [headline] = doc.layer("headlines")
    assert headline.text(doc) == doc.title
    assert "captions" not in doc.layers


def test_prose_starting_with_the_word_date_is_not_a_header():
    doc = read_text("date night in Kyiv was cancelled. The curfew stays.\n")
    assert doc.text.startswith("date night")
    assert doc.date is None


def test_header_keys_besides_date():
    doc = read_text(" date 2022-03 lang nl source nrc Tekst van het artikel. Foto ANP\n\nEen alinea.")
    assert (doc.date, doc.lang, doc.source) == (PubDate(2022, 3), "nl", "nrc")
    assert doc.text.startswith("Tekst van het artikel.")
    assert doc.layer("captions")[0].text(doc) == "Tekst van het artikel. Foto ANP"


@pytest.mark.skipif(not SEED.exists(), reason="seed article (shared/seed) not available")
def test_real_seed_article():
    doc = only_doc(SEED)
    assert doc.date == PubDate(2022, 3) and doc.date.precision == "month"
    assert doc.text.startswith("Op satellietbeelden van het Amerikaanse bedrijf Maxar")
    [caption] = doc.layer("captions")
    assert caption.text(doc).endswith("Beeld Maxar / AP")
    assert "\n" not in caption.text(doc)


# -- HTML -------------------------------------------------------------------------

def test_html_main_text_title_date_and_site():
    doc = only_doc(SPINE / "article.html")
    assert doc.title == "Acht doden bij beschieting evacuatieroute Irpin"
    assert doc.text.startswith(doc.title + "\n\nBij de evacuatie van burgers uit Irpin")
    assert doc.text.count(doc.title) == 1  # the <h1> is not repeated
    assert "zeker acht mensen omgekomen" in doc.text
    assert "Derde gespreksronde" in doc.text
    for boilerplate in ("Inloggen", "Abonneer", "Alle rechten voorbehouden", "Meer nieuws", "Gasprijs"):
        assert boilerplate not in doc.text
    assert doc.date == PubDate(2022, 3, 7)
    assert doc.source == "Dagblad Oost"
    assert doc.url == "https://dagblad-oost.example/buitenland/acht-doden-irpin"
    assert doc.layer("headlines")[0].text(doc) == doc.title


def test_html_without_article_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Leeg</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    error = only_error(page)
    assert "no article text" in error.reason and str(page) in str(error)


# -- JSONL and CSV ----------------------------------------------------------------

def test_jsonl_default_columns():
    docs = read_all(SPINE / "records.jsonl")
    assert [type(d).__name__ for d in docs] == ["Document"] * 3
    first, dpg, headline_only = docs
    assert first.text.startswith("Acht doden bij beschieting Irpin\n\nBij de evacuatie")
    assert (first.date, first.source, first.url) == (PubDate(2022, 3, 7), "dagblad", "https://dagblad-oost.example/a")
    assert first.origin.endswith("records.jsonl:1")
    assert dpg.id == "4711" and dpg.date == PubDate(2019, 2, 12)  # published_at
    assert headline_only.text == "Rusland valt Oekraïne binnen"  # empty text: the title is the document
    assert headline_only.layer("headlines")[0].text(headline_only) == headline_only.text


def test_csv_with_configured_columns():
    docs = read_all(SPINE / "records.tsv", columns={"text": "bericht", "title": "kop", "date": "datum"})
    assert len(docs) == 2 and all(not isinstance(d, ReadError) for d in docs)
    assert docs[0].title == "Beschieting Charkiv"
    assert docs[0].text == "Beschieting Charkiv\n\nBij beschietingen in Charkiv vielen maandag negen doden."
    assert docs[1].date == PubDate(2022, 3, 2)
    assert docs[1].text.endswith("er kwam geen akkoord.")


def test_records_without_a_text_column_give_one_error_for_the_file():
    error = only_error(SPINE / "records.tsv")
    assert "no text column" in error.reason and "--column text=" in error.reason
    assert "kop, bericht, datum" in error.reason


def test_csv_field_with_newlines_and_latin1(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes('title,text\n"Café Kiev","Eerste regel.\nTweede regel over één aanval."\n'.encode("latin-1"))
    doc = only_doc(path)
    assert doc.text == "Café Kiev\n\nEerste regel.\nTweede regel over één aanval."


def test_forced_input_format_and_lang(tmp_path):
    path = tmp_path / "feed.data"
    path.write_text(json.dumps({"text": "Er vielen doden."}) + "\n", encoding="utf-8")
    doc = only_doc(path, input_format="jsonl", lang="nl")
    assert doc.text == "Er vielen doden." and doc.lang == "nl"


def test_directory_is_read_recursively_and_skips_unknown_and_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("Eerste artikel over Kiev.", encoding="utf-8")
    (tmp_path / "two.jsonl").write_text('{"text": "Tweede artikel."}\n', encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    (tmp_path / ".hidden.txt").write_text("Verborgen.", encoding="utf-8")
    docs = read_all(tmp_path)
    assert sorted(d.text for d in docs) == ["Eerste artikel over Kiev.", "Tweede artikel."]


def test_stdin_is_sniffed(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"title": "Kop", "text": "Romp."}\n')))
    [doc] = list(read(["-"]))
    assert doc.text == "Kop\n\nRomp." and doc.origin == "<stdin>:1"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(" date 2022-03 Tekst.\n".encode())))
    [doc] = list(read(["-"]))
    assert doc.text == "Tekst.\n" and doc.date == PubDate(2022, 3)


# -- bad input --------------------------------------------------------------------

def test_missing_file():
    error = only_error("/nonexistent/article.txt")
    assert error.reason == "no such file or directory"


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(path).reason == "empty document"


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    error = only_error(path)
    assert error.reason == "binary data, not text" and str(path) in str(error)


def test_latin1_text_is_decoded(tmp_path):
    text = "Het café in Zürich bleef één dag dicht; de Oekraïense ambassadeur was ‘geschokt’."
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.replace("‘", "'").replace("’", "'").encode("latin-1"))
    assert only_doc(path).text == text.replace("‘", "'").replace("’", "'")


def test_cp1252_quotes_are_decoded(tmp_path):
    text = "De minister noemde het ‘onacceptabel’ – en zei: “Wij gaan door.”"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_doc(path).text == text


def test_utf8_cut_mid_character(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("Bij de aanval op Charkiv vielen één".encode("utf-8")[:-2])  # inside the second é
    assert "truncated" in only_error(path).reason


def test_truncated_jsonl_keeps_the_good_records(tmp_path):
    path = tmp_path / "cut.jsonl"
    good = json.dumps({"title": "Goed", "text": "Een goed record."})
    path.write_text(good + "\n" + '{"title": "Afgebroken", "text": "Er vielen', encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError"]
    assert items[1].origin == f"{path}:2" and "truncated JSON record" in items[1].reason


def test_jsonl_cut_mid_character(tmp_path):
    path = tmp_path / "cut.jsonl"
    data = (json.dumps({"text": "Goed."}) + "\n" + json.dumps({"text": "één"}, ensure_ascii=False)).encode()
    path.write_bytes(data[:-3])  # inside the last 'é'
    items = read_all(path)
    assert items[0].text == "Goed."
    assert isinstance(items[1], ReadError) and "truncated" in items[1].reason


def test_invalid_and_non_object_jsonl_lines(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "Een."}\nnot json\n[1, 2]\n{"text": ""}\n{"text": "Twee."}\n', encoding="utf-8")
    items = read_all(path)
    kinds = [i.reason if isinstance(i, ReadError) else i.text for i in items]
    assert kinds[0] == "Een." and kinds[-1] == "Twee."
    assert kinds[1].startswith("invalid JSON") and kinds[2] == "JSON record is not an object"
    assert kinds[3].startswith("empty document")


def test_oversized_text_is_refused_from_its_size(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # 50 MB, sparse: refused without reading it
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b".")
    error = only_error(path)
    assert error.reason.startswith("too large (52,428,800 bytes; limit 10,000,000")


def test_oversized_record_is_refused_and_the_others_read(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Klein."}) + "\n")
        handle.write(json.dumps({"text": "x" * 5000}) + "\n")
        handle.write(json.dumps({"text": "Ook klein."}) + "\n")
    items = read_all(path, max_bytes=1000)
    assert items[0].text == "Klein." and items[2].text == "Ook klein."
    assert isinstance(items[1], ReadError) and items[1].reason.startswith("too large")
    assert items[1].origin == f"{path}:2"


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Een goed artikel over Kiev.", encoding="utf-8")
    items = read_all(tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path / "b.txt")
    assert [isinstance(i, ReadError) for i in items] == [True, True, False]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(tmp_path, encoding):
    text = " date 2022-03-01 Oekraïense troepen heroverden het dorp.\n\nEen tweede alinea."
    path = tmp_path / "bom.txt"
    path.write_bytes(text.encode(encoding))
    doc = only_doc(path)
    assert doc.text == "Oekraïense troepen heroverden het dorp.\n\nEen tweede alinea."
    assert doc.date == PubDate(2022, 3, 1)


def test_record_file_without_records(tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_text("title,text\n", encoding="utf-8")
    assert only_error(path).reason.startswith("no records")


def test_text_given_as_a_list_of_paragraphs(tmp_path):
    path = tmp_path / "paragraphs.jsonl"
    path.write_text(json.dumps({"title": "Kop", "text": ["Eerste alinea.", "", "Tweede alinea."]}) + "\n",
                    encoding="utf-8")
    assert only_doc(path).text == "Kop\n\nEerste alinea.\n\nTweede alinea."


def test_header_alone_on_its_line():
    doc = read_text(" date 2022-03-01\n\nDe tekst begint hier.\n")
    assert doc.text == "De tekst begint hier.\n" and doc.date == PubDate(2022, 3, 1)
    assert doc.meta["header_chars"] == 18


def test_json_array_and_sniffed_extensions(tmp_path):
    array = tmp_path / "articles.json"
    array.write_text(json.dumps([{"title": "Een", "text": "Eerste."}, {"title": "Twee", "text": "Tweede."}, 3]),
                     encoding="utf-8")
    items = read_all(array)
    assert [i.text for i in items[:2]] == ["Een\n\nEerste.", "Twee\n\nTweede."]
    assert items[0].origin == f"{array}[1]"
    assert isinstance(items[2], ReadError) and items[2].reason == "JSON record is not an object"
    unknown = tmp_path / "feed.dump"  # no known extension: the content decides
    unknown.write_text('{"text": "Uit een dump."}\n', encoding="utf-8")
    assert only_doc(unknown).text == "Uit een dump."


def test_a_first_record_without_text_does_not_reject_the_file(tmp_path):
    path = tmp_path / "with_schema.jsonl"
    rows = [{"schema": "v1", "fields": ["text", "date"]}, {"text": "Het eerste artikel.", "date": "2022-03-01"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = read_all(path)
    assert isinstance(items[0], ReadError) and items[0].reason.startswith("empty document")
    assert items[1].text == "Het eerste artikel."
