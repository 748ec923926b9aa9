"""Every form definition on paper: blank and filled, labels, options, tables, footer stamp, QR."""

import hashlib
import io
import subprocess
from pathlib import Path
from typing import Any, get_args

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reinsercion_desktop.forms.content import content_hash, parse_qr_payload
from reinsercion_desktop.forms.engine import BLANK_IN_TEXT, fill_text, is_visible, offered_options
from reinsercion_desktop.forms.loader import load_catalogue
from reinsercion_desktop.forms.schema import FieldDef, FieldKind, FormDefinition
from reinsercion_desktop.paths import forms_dir
from reinsercion_desktop.pdf import base
from reinsercion_desktop.pdf.base import DocumentHeader
from reinsercion_desktop.pdf.blocks import OptionBoxes, signature_boxes
from reinsercion_desktop.pdf.form_blocks import BUILDERS, hand_blank, is_legend
from reinsercion_desktop.pdf.form_renderer import FormStamp, form_story, render_form

CATALOGUE = load_catalogue(forms_dir())
DEFINITIONS = [
    definition for by_version in CATALOGUE.versions.values() for definition in by_version.values()
]
DEFINITION_IDS = [f"{d.id}.v{d.version}" for d in DEFINITIONS]
RECORD_ID = "1a2b3c4d-1111-2222-3333-444455556666"
TEXT = "Texto de prueba ñ"


def header_for(definition: FormDefinition) -> DocumentHeader:
    return DocumentHeader(
        centre_name="VAR Triana",
        centre_code="VAR-SE1",
        entity="Asociación Nueva Vida",
        address_line="C/ Pureza 12, Sevilla",
        title=definition.title,
        subtitle=definition.subtitle,
        version=f"{definition.id} v{definition.version}",
        record_id=RECORD_ID,
    )


CELL_SAMPLES: dict[str, Any] = {
    "text": "Celda ñ",
    "date": "2026-01-10",
    "number": 2,
    "yes_no": True,
}


def sample_value(field: FieldDef) -> Any:
    """A plausible value of each kind: text, dates, the first option, one table row, scores."""
    kind = field.kind
    if kind == "text":
        return TEXT
    if kind == "long_text":
        return f"{TEXT}: evolución favorable en la vivienda."
    if kind == "date":
        return "2026-01-15"
    if kind == "number":
        return 3
    if kind == "choice":
        return field.options[0].code
    if kind == "multi_choice":
        return [field.options[0].code]
    if kind == "yes_no":
        return True
    if kind == "scale_item":
        return field.options[0].score
    if kind in ("fixed_table", "free_table"):
        row = {
            column.id: column.options[0].code
            if column.kind == "choice"
            else CELL_SAMPLES[column.kind]
            for column in field.columns
        }
        return {field.rows[0].id: row} if kind == "fixed_table" else [row]
    return None


def sample_data(definition: FormDefinition) -> dict[str, Any]:
    return {
        field.id: sample_value(field)
        for field in definition.fields()
        if field.holds_data and sample_value(field) is not None
    }


def squeezed(text: str) -> str:
    """No whitespace at all: labels wrapped across lines still match."""
    return "".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def expected_strings(definition: FormDefinition, data: dict, *, blank: bool) -> list[str]:
    """Every label the paper must show: fields, rows, columns, options, static texts."""
    expected = [definition.title.upper()]
    for section in definition.sections:
        condition = section.visible_when
        if not blank and condition and not condition.holds(data.get(condition.field)):
            continue
        if not any(field.on_paper for field in section.fields):
            continue  # screen-only sections (the consent's data, printed inside its text)
        expected.append(section.title)
        for field in section.fields:
            if not field.on_paper:
                continue
            if not blank and not is_visible(definition, field, data):
                continue
            if field.kind == "static_text":
                blank_text = hand_blank() if not is_legend(field) else BLANK_IN_TEXT
                expected.append(fill_text(field.text, data, definition, blank=blank_text))
            elif field.kind == "signatures":
                expected += field.signers
            else:
                expected.append(field.label)
            expected += [option.label for option in offered_options(field, data)]
            expected += [row.label for row in field.rows]
            if field.row_header:
                expected.append(field.row_header)
            for column in field.columns:
                expected.append(column.label)
                expected += [option.label for option in column.options]
    return expected


def render(tmp_path: Path, definition: FormDefinition, *, blank: bool, **kwargs: Any):
    data = {} if blank else sample_data(definition)
    path = tmp_path / f"{definition.id}-{'blank' if blank else 'filled'}.pdf"
    digest = render_form(definition, data, header_for(definition), path, blank=blank, **kwargs)
    return path, data, digest


# -- every definition, blank and filled ------------------------------------------------


def test_the_catalogue_holds_the_forms() -> None:
    assert len(DEFINITIONS) >= 1
    assert "anexo-iv" in CATALOGUE.versions


def test_there_is_a_block_builder_for_every_field_kind() -> None:
    assert set(BUILDERS) == set(get_args(FieldKind))


@pytest.mark.parametrize("blank", [True, False], ids=["blank", "filled"])
@pytest.mark.parametrize("definition", DEFINITIONS, ids=DEFINITION_IDS)
def test_every_form_prints_every_label_option_row_and_column(
    tmp_path: Path, definition: FormDefinition, blank: bool
) -> None:
    path, data, digest = render(tmp_path, definition, blank=blank)
    assert path.read_bytes().startswith(b"%PDF-")
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    pages = page_texts(path)
    text = squeezed(" ".join(pages))
    missing = [
        s for s in expected_strings(definition, data, blank=blank) if squeezed(s) not in text
    ]
    assert not missing, missing
    if not blank:
        assert squeezed(TEXT) in text
    total = len(pages)
    stamp = f"{definition.id} v{definition.version}"
    short_hash = content_hash(definition.id, definition.version, data)[:8]
    for number, page in enumerate(pages, start=1):
        assert f"Página {number} de {total}" in page
        assert "VAR Triana" in page
        assert stamp in page
        assert "Ref. 1a2b3c4d" in page
        if blank:
            assert "Formulario en blanco" in page and "Hash" not in page
        else:
            assert f"Hash {short_hash}" in page


@pytest.mark.parametrize("definition", DEFINITIONS, ids=DEFINITION_IDS)
def test_fonts_are_embedded_noto_sans_even_with_the_qr_code(
    tmp_path: Path, definition: FormDefinition
) -> None:
    path, _, _ = render(tmp_path, definition, blank=False)
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "NotoSans" in font["/BaseFont"], font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


# -- the footer stamp and its QR code --------------------------------------------------


def test_stamp_payload_and_footer_line() -> None:
    stamp = FormStamp(RECORD_ID, "anexo-i", 1, "Firmado", "9f8e7d6c" + "0" * 56)
    assert stamp.qr_payload == f"RD1|{RECORD_ID}|anexo-i|1|9f8e7d6c00000000"
    assert parse_qr_payload(stamp.qr_payload) == (RECORD_ID, "anexo-i", 1, "9f8e7d6c00000000")
    assert stamp.footer_text == "anexo-i v1 · Ref. 1a2b3c4d · Hash 9f8e7d6c · Firmado"
    blank = FormStamp("", "anexo-i", 1, blank=True)
    assert blank.footer_text == "anexo-i v1 · Formulario en blanco"
    assert blank.qr_payload == "RD1||anexo-i|1|"
    assert FormStamp(RECORD_ID, "anexo-i", 1, "Borrador").is_draft
    assert not FormStamp(RECORD_ID, "anexo-i", 1, "Firmado").is_draft


def qr_modules_on_page(path: Path, size: int) -> list[list[bool]]:
    """Rasterise the footer's QR area at 600 dpi and read a `size`×`size` module grid."""
    dpi = 600
    scale = dpi / 72
    x = round(base.QR_X * scale)
    y = round((base.PAGE_HEIGHT - base.QR_Y - base.QR_SIZE) * scale)
    side = round(base.QR_SIZE * scale)
    raw = subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-gray"]
        + ["-x", str(x), "-y", str(y), "-W", str(side), "-H", str(side), str(path)],
        check=True,
        capture_output=True,
    ).stdout
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
    fields = raw.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4]
    module = base.QR_SIZE * scale / size
    grid = []
    for row in range(size):
        line = []
        for column in range(size):
            px = min(int((column + 0.5) * module), width - 1)
            py = min(int((row + 0.5) * module), height - 1)
            line.append(pixels[py * width + px] < 128)
        grid.append(line)
    return grid


def test_the_qr_code_in_the_footer_holds_record_form_version_and_hash(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iv")
    data = sample_data(definition)
    digest = content_hash(definition.id, definition.version, data)
    stamp = FormStamp(RECORD_ID, definition.id, definition.version, "Firmado", digest)
    path = tmp_path / "anexo-iv.pdf"
    render_form(definition, data, header_for(definition), path, stamp=stamp)
    payload = f"RD1|{RECORD_ID}|anexo-iv|{definition.version}|{digest[:16]}"
    widget = QrCodeWidget(payload, barLevel="M", barBorder=0)
    widget.qr.make()
    expected = [[bool(cell) for cell in row] for row in widget.qr.modules]
    assert qr_modules_on_page(path, len(expected)) == expected
    other = QrCodeWidget(payload.replace("anexo-iv", "anexo-vi"), barLevel="M", barBorder=0)
    other.qr.make()
    assert qr_modules_on_page(path, len(expected)) != [
        [bool(cell) for cell in row] for row in other.qr.modules
    ]


def test_a_draft_prints_borrador_on_every_page_and_a_signed_form_does_not(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iv")
    data = sample_data(definition)
    digest = content_hash(definition.id, definition.version, data)
    for status, watermarked in (("Borrador", True), ("Firmado", False)):
        path = tmp_path / f"{status}.pdf"
        stamp = FormStamp(RECORD_ID, definition.id, definition.version, status, digest)
        render_form(
            definition,
            data | {"observaciones": "x " * 3000},
            header_for(definition),
            path,
            stamp=stamp,
        )
        pages = page_texts(path)
        assert len(pages) >= 2
        for page in pages:
            assert ("BORRADOR" in page) is watermarked
            assert f"Hash {digest[:8]} · {status}" in page


def test_a_stamp_of_another_form_is_refused(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iv")
    stamp = FormStamp(RECORD_ID, "anexo-v", 1, "Firmado", "0" * 64)
    with pytest.raises(ValueError, match="anexo-v"):
        render_form(definition, {}, header_for(definition), tmp_path / "x.pdf", stamp=stamp)
    assert not (tmp_path / "x.pdf").exists()


# -- long texts, scales, tables, conditions --------------------------------------------


def test_a_long_text_of_20000_characters_prints_entirely_across_pages(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iv")
    sentences = [
        f"Frase {n:03d}: la persona participa en las actividades de la vivienda."
        for n in range(1, 400)
    ]
    text = ""
    for sentence in sentences:
        if len(text) + len(sentence) + 2 > 20_000:
            break
        text += sentence + (" " if len(text) % 7 else "\n\n")
    last = text.split("Frase ")[-1].strip()
    assert len(text) > 19_000
    data = sample_data(definition) | {"integracion": text.strip()}
    path = tmp_path / "largo.pdf"
    render_form(definition, data, header_for(definition), path)
    pages = page_texts(path)
    assert len(pages) >= 4
    joined = " ".join(pages)
    count = text.count("Frase ")
    for n in range(1, count + 1):
        assert f"Frase {n:03d}:" in joined
    assert f"Frase {last}" in joined
    assert "Observaciones" in joined  # what follows the long text is still there


def test_anexo_vii_prints_each_items_options_in_the_definitions_order_with_scores(
    tmp_path: Path,
) -> None:
    definition = CATALOGUE.latest("anexo-vii")
    items = [f for f in definition.fields() if f.kind == "scale_item"]
    assert len(items) == 21
    path, _, _ = render(tmp_path, definition, blank=True)
    text = squeezed(" ".join(page_texts(path)))
    orders = set()
    for item in items:
        start = text.index(squeezed(item.label)) + len(squeezed(item.label))
        sequence = squeezed("".join(f"{o.label}{o.score}" for o in item.options))
        assert text[start : start + len(sequence)] == sequence, item.id
        orders.add(tuple(o.score for o in item.options))
    assert len(orders) > 1  # the seed varies the order; so does the paper
    first = items[0]
    assert " ".join(f"{o.label} {o.score}" for o in first.options) == "Bien 3 Regular 2 Mal 1"


def boxes_in(story: list) -> list[OptionBoxes]:
    """Every OptionBoxes of a story, inside tables and kept-together groups too."""
    found: list[OptionBoxes] = []

    def walk(item: Any) -> None:
        if isinstance(item, OptionBoxes):
            found.append(item)
        elif isinstance(item, list | tuple):
            for child in item:
                walk(child)
        elif hasattr(item, "_cellvalues"):
            walk(item._cellvalues)
        elif hasattr(item, "_content"):
            walk(item._content)

    walk(story)
    return found


def test_choices_print_every_option_and_cross_the_chosen_ones() -> None:
    definition = CATALOGUE.latest("anexo-vii")
    data = {"sexo": "M", "i1_espacios": 1, "i2_equipamiento": 3}
    boxes = boxes_in(form_story(definition, data))
    checked = [label for b in boxes for label in b.checked_labels()]
    assert checked == ["Mujer", "Mal", "Bien"]
    assert sum(len(b.options) for b in boxes) >= 2 + 21 * 3
    blank = boxes_in(form_story(definition, data, blank=True))
    assert blank and not any(b.checked_labels() for b in blank[:1])


def test_hidden_fields_are_left_out_when_filled_and_explained_when_blank(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-i")
    data = sample_data(definition) | {"ptm": False, "vih": "negativo"}
    path = tmp_path / "sin-ptm.pdf"
    render_form(definition, data, header_for(definition), path)
    filled = " ".join(page_texts(path))
    assert "Tratamientos previos en metadona" not in filled
    assert "Baciloscopias" not in filled
    path, _, _ = render(tmp_path, definition, blank=True)
    blank = " ".join(page_texts(path))
    assert "Tratamientos previos en metadona" in blank
    assert "Solo si «Programa de tratamiento con metadona» es «Sí»." in blank
    assert "Solo si «Estado VIH» es «Positivo»." in blank


def table_rows(story: list, first_header: str) -> int:
    """How many body rows the table headed by `first_header` has."""
    for item in story:
        tables = [item] if hasattr(item, "_cellvalues") else getattr(item, "_content", [])
        for table in tables:
            cells = getattr(table, "_cellvalues", None)
            if cells and getattr(cells[0][0], "text", None) == first_header:
                return len(cells) - 1
    raise AssertionError(f"no table headed {first_header!r}")


def test_free_tables_print_their_rows_or_six_empty_ones(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iii")
    rows = [{"codapel": f"COD{n}", "st": n} for n in range(3)]
    assert table_rows(form_story(definition, {}, blank=True), "CODAPEL") == 6
    assert table_rows(form_story(definition, {"usuarios": rows}), "CODAPEL") == 3
    path = tmp_path / "vacio.pdf"
    render_form(definition, {"usuarios": rows}, header_for(definition), path)
    text = " ".join(page_texts(path))
    assert "COD0" in text and "COD2" in text
    assert "Sin datos." in text  # the empty discharges table


def test_fixed_tables_print_row_labels_first_and_values_by_code(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-i")
    data = {
        "historia_toxicologica": {
            "alcohol": {"inicio": 1998, "frecuencia_anio": "5", "via": "oral"}
        }
    }
    path = tmp_path / "tox.pdf"
    render_form(definition, data, header_for(definition), path)
    text = " ".join(page_texts(path))
    assert "Alcohol 1998 5 Oral" in text
    assert "Vía de consumo: Fumada · Inhalada" in text  # options no legend of the form explains


def test_static_texts_fill_their_placeholders_or_print_dots(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("consentimiento")
    data = {"nombre_completo": "José Núñez Ibáñez", "edad": 40, "lugar": "Sevilla"}
    path = tmp_path / "consentimiento.pdf"
    render_form(definition, data, header_for(definition), path)
    text = " ".join(page_texts(path))
    assert "D./D.ª José Núñez Ibáñez, de 40 años de edad" in text
    assert f"firman el presente CONSENTIMIENTO, en Sevilla, a {hand_blank()}" in text
    path, _, _ = render(tmp_path, definition, blank=True)
    assert f"D./D.ª {hand_blank()}, de {hand_blank()} años" in " ".join(page_texts(path))


def test_user_text_prints_literally(tmp_path: Path) -> None:
    definition = CATALOGUE.latest("anexo-iv")
    data = {"observaciones": "Notas <b>R&D</b> & más\x07 «comillas»", "nombre": "<i>Ana</i>"}
    path = tmp_path / "literal.pdf"
    render_form(definition, data, header_for(definition), path)
    text = " ".join(page_texts(path))
    assert "Notas <b>R&D</b> & más «comillas»" in text
    assert "<i>Ana</i>" in text


# -- geometry: nothing drawn outside the body's width ----------------------------------


class RectRecorder(Canvas):
    def __init__(self) -> None:
        super().__init__(io.BytesIO())
        self.rects: list[tuple[float, float, float, float]] = []

    def rect(self, x, y, width, height, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.rects.append((x, y, width, height))
        return super().rect(x, y, width, height, *args, **kwargs)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_signature_boxes_stay_inside_the_width_side_by_side(count: int) -> None:
    boxes = signature_boxes([f"Firma {n}" for n in range(count)])
    boxes.wrap(base.CONTENT_WIDTH, 1000)
    canvas = RectRecorder()
    boxes.drawOn(canvas, 0, 0)
    outlines = sorted({r for r in canvas.rects if r[1] == 0})  # the full-height boxes
    assert len(outlines) == count
    for (x, _, width, _), following in zip(outlines, [*outlines[1:], None], strict=True):
        assert x >= -0.01 and x + width <= base.CONTENT_WIDTH + 0.01
        if following is not None:
            assert x + width < following[0]


def test_option_boxes_wrap_inside_a_narrow_cell() -> None:
    options = [(f"Opción número {n} con un texto bastante largo", n == 2) for n in range(6)]
    for columns in (False, True):
        boxes = OptionBoxes(options, columns=columns)
        width = 40 * mm
        _, height = boxes.wrap(width, 1000)
        assert height > 6 * boxes.LEADING
        for x, _top, lines, _checked, _caption, item_width in boxes._placed:
            assert x >= 0 and x + item_width <= width + 0.01
            assert all(stringWidth(line, base.FONT, boxes.font_size) <= width for line in lines)
    assert boxes.checked_labels() == [options[2][0]]


def test_screen_only_fields_print_inside_the_text_not_twice(tmp_path: Path) -> None:
    """The consent's data are typed on screen and printed only within its paragraph."""
    definition = load_catalogue(forms_dir()).latest("consentimiento")
    data = sample_data(definition) | {"nombre_completo": "Lucía Peña Ibáñez"}
    path = tmp_path / "consentimiento.pdf"
    render_form(definition, data, header_for(definition), path)
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert text.count("Lucía Peña Ibáñez") == 1
    assert "Datos de la persona y del centro" not in text
