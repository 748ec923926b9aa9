"""A file's size in Spanish, as the backups list and `reinsercion backup list` show it
(the list once read «12.5 MB», with an English point)."""

from reinsercion_desktop.domain.file_size import file_size_es


def test_sizes_read_with_a_decimal_comma_and_their_unit() -> None:
    assert file_size_es(0) == "0 bytes"
    assert file_size_es(1023) == "1023 bytes"
    assert file_size_es(1536) == "1,5 KB"
    assert file_size_es(13_107_200) == "12,5 MB"
    assert file_size_es(5 * 1024**4) == "5120,0 GB"
