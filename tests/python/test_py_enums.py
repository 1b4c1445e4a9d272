"""The label enums agree with the core library and behave as strings."""

from __future__ import annotations

import guifan
import pytest
from guifan import _guifan

ENUMS = [guifan.Status, guifan.Outcome, guifan.FilingOutcome, guifan.ReviewKind, guifan.RelationKind,
         guifan.RelationSource, guifan.Timeliness]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_members_are_core_s_tokens_with_core_s_labels(enum):
    labels = _guifan._labels(enum.__name__)
    assert [m.value for m in enum] == list(labels)
    for member in enum:
        assert member.label == labels[member.value]
        assert enum(member.label) is member
        assert enum(member.value) is member


def test_members_are_strings():
    s = guifan.Status.PENDING_REVISION
    assert isinstance(s, str)
    assert s == "pending_revision" and str(s) == "pending_revision" and f"{s}" == "pending_revision"
    assert s.label == "待修订"
    assert {"pending_revision": 1}[s] == 1


def test_any_label_core_knows():
    assert guifan.Status("现行有效") is guifan.Status.VALID
    assert guifan.Status("已废止") is guifan.Status.REPEALED
    assert guifan.Outcome("继续有效") is guifan.Outcome.VALID
    assert guifan.FilingOutcome("予以备案") is guifan.FilingOutcome.REGISTERED
    assert guifan.Timeliness("逾期报备") is guifan.Timeliness.LATE
    with pytest.raises(ValueError):
        guifan.Status("有效的")
    with pytest.raises(ValueError):
        guifan.Outcome("有效期届满")


def test_labels_of_an_unknown_enum_are_refused():
    with pytest.raises(guifan.InvalidInputError):
        _guifan._labels("Colour")
