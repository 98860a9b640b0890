import unicodedata

import pytest

from courses.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thanh toán", "thanh toan"),
        ("Đăng ký", "dang ky"),
        ("ĐƯỜNG ĐI", "duong di"),
        ("Tiết kiệm số", "tiet kiem so"),
        ("  nhiều   khoảng  trắng ", "nhieu khoang trang"),
    ],
)
def test_fold_strips_vietnamese_marks_and_treats_d_with_stroke_as_d(text, folded):
    assert fold(text) == folded


def test_decomposed_input_is_normalised_before_folding():
    decomposed = unicodedata.normalize("NFD", "Thanh toán Đăng ký")
    assert search_terms(decomposed) == ["thanh", "toan", "dang", "ky"]


def test_an_empty_query_has_no_terms():
    assert search_terms("   ") == []
