"""The directory's table models, checked without any widget."""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import Qt

from tafdesk.ui.directory import agency_model as am
from tafdesk.ui.directory import professional_model as pm
from tafdesk.ui.directory.filter_proxy import DirectoryFilterProxy
from tafdesk.ui.directory.roles import ACTIVE_ROLE, AGENCY_ROLE, ID_ROLE, RATIO_ROLE, SEARCH_ROLE, SORT_ROLE

DISPLAY = Qt.ItemDataRole.DisplayRole


def _professionals(service) -> pm.ProfessionalTableModel:
    model = pm.ProfessionalTableModel()
    model.set_records(service.professionals())
    return model


def test_professional_model_passes_the_model_tester(qtmodeltester, service, sample):
    model = _professionals(service)
    qtmodeltester.check(model, force_py=True)
    proxy = DirectoryFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_agency_model_passes_the_model_tester(qtmodeltester, service, sample):
    model = am.AgencyTableModel()
    model.set_records(service.agencies())
    qtmodeltester.check(model, force_py=True)


def test_an_empty_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(pm.ProfessionalTableModel(), force_py=True)


def test_professional_cells_show_what_a_chair_needs(service, sample):
    model = _professionals(service)
    grace = model.row_of(sample.grace.id)

    def cell(column, role=DISPLAY):
        return model.index(grace, column).data(role)

    assert model.rowCount() == 6 and model.columnCount() == len(pm.ProfessionalTableModel.HEADERS)
    assert cell(pm.COL_NAME) == "Grace Okafor"
    assert cell(pm.COL_AGENCY) == "School Nursing"
    assert cell(pm.COL_LOCALITY) == "North"
    assert cell(pm.COL_FTE) == "0.60"
    assert cell(pm.COL_CAPACITY) == "10.8"  # 0.6 FTE x 18
    assert cell(pm.COL_LOAD) == "120%"  # 13 of 10.8
    assert cell(pm.COL_LOAD, RATIO_ROLE) == 13 / 10.8
    assert "13 of 10.8" in cell(pm.COL_LOAD, Qt.ItemDataRole.ToolTipRole)
    assert cell(pm.COL_OPEN_CASES) == "3"
    assert cell(pm.COL_SPECIALISMS) == "Early years, Health"
    assert cell(pm.COL_ACTIVE) == "Yes"
    assert cell(pm.COL_NAME, ID_ROLE) == sample.grace.id
    assert cell(pm.COL_NAME, AGENCY_ROLE) == str(sample.nursing.id)
    assert "improved mental and physical health" in cell(pm.COL_NAME, SEARCH_ROLE)


def test_numbers_sort_as_numbers_and_are_right_aligned(service, sample):
    model = _professionals(service)
    proxy = DirectoryFilterProxy()
    proxy.setSourceModel(model)

    def column_after_sorting(column: int, order: Qt.SortOrder) -> list[str]:
        proxy.sort(column, order)
        return [proxy.index(row, column).data() for row in range(proxy.rowCount())]

    # As text, "120%" would sort before "60%" and "94%".
    assert column_after_sorting(pm.COL_LOAD, Qt.SortOrder.DescendingOrder)[:4] == ["120%", "94%", "60%", "50%"]
    assert column_after_sorting(pm.COL_CAPACITY, Qt.SortOrder.AscendingOrder)[:3] == ["10.8", "12", "15"]
    assert column_after_sorting(pm.COL_NAME, Qt.SortOrder.AscendingOrder)[:2] == ["Amira Khan", "Dev Patel"]
    assert model.index(0, pm.COL_FTE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(pm.COL_LOAD, Qt.Orientation.Horizontal) == "Load"


def test_inactive_professionals_are_muted(service, sample):
    model = _professionals(service)
    ruth = model.row_of(sample.ruth.id)
    amira = model.row_of(sample.amira.id)
    assert model.index(ruth, 0).data(ACTIVE_ROLE) is False
    assert model.index(ruth, pm.COL_ACTIVE).data() == "No"
    assert model.index(ruth, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(amira, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_cases_with_no_capacity_show_as_such(sample):
    overloaded = dataclasses.replace(sample.grace, capacity=0.0, effective_capacity=0.0)
    idle = dataclasses.replace(sample.dev, capacity=0.0, effective_capacity=0.0)
    assert math.isinf(pm.utilisation(overloaded)) and pm.utilisation(idle) == 0.0
    model = pm.ProfessionalTableModel()
    model.set_records([overloaded, idle])
    assert model.index(0, pm.COL_LOAD).data() == "No capacity"
    assert model.index(1, pm.COL_LOAD).data() == "0%"


def test_agency_cells(service, sample):
    model = am.AgencyTableModel()
    model.set_records(service.agencies())
    row = model.row_of(sample.early_help.id)
    assert [model.index(row, c).data() for c in (am.COL_NAME, am.COL_SHORT_NAME, am.COL_MEMBERSHIP, am.COL_SECTOR)] == [
        "Early Help Service",
        "EHS",
        "Core",
        "Local authority",
    ]
    assert model.index(row, am.COL_PROFESSIONALS).data() == "2"  # Ruth is inactive
    assert model.index(row, am.COL_PROFESSIONALS).data(SORT_ROLE) == 2


def test_replacing_records_resets_lookups(service, sample):
    model = _professionals(service)
    with_signal = []
    model.modelReset.connect(lambda: with_signal.append(True))
    model.set_records([sample.dev])
    assert with_signal == [True]
    assert model.rowCount() == 1
    assert model.row_of(sample.amira.id) == -1 and model.record_by_id(sample.dev.id) == sample.dev
