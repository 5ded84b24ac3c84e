"""The directory of agencies and professionals: reading, validating, editing.

Records cross to the UI as frozen dataclasses; sessions never leave here.
Every change is checked against the version the editor read (optimistic
locking) and recorded in the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tafdesk import (
    clock,
    models,  # the mapped classes load on first use: off the start-up path
)
from tafdesk.db import Database
from tafdesk.ids import new_id

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
import itertools

from tafdesk.models.enums import NEED_AREA_ORDER, Membership, NeedArea, Role, Sector
from tafdesk.services import audit, scope
from tafdesk.services import validation as v
from tafdesk.services.actor import Actor, Permission
from tafdesk.services.errors import ConflictError, NotFound, ServiceError, ValidationError
from tafdesk.services.open_loads import open_loads
from tafdesk.services.references import referred_to_by


@dataclass(frozen=True)
class LocalityRecord:
    id: uuid.UUID
    name: str
    code: str


@dataclass(frozen=True)
class AgencyRecord:
    id: uuid.UUID
    version: int
    name: str
    short_name: str | None
    membership: Membership
    sector: Sector
    capacity_per_fte: float
    address_line1: str | None
    address_line2: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    email: str | None
    active: bool
    professional_count: int = 0


@dataclass(frozen=True)
class Leave:
    starts_on: dt.date
    ends_on: dt.date
    reason: str | None = None


@dataclass(frozen=True)
class ProfessionalRecord:
    id: uuid.UUID
    version: int
    given_name: str
    family_name: str
    job_title: str
    agency_id: uuid.UUID
    agency_name: str
    locality_id: uuid.UUID
    locality_name: str
    fte: float
    capacity: float | None  # an override; None means FTE x the agency's standard
    effective_capacity: float
    email: str | None
    phone: str | None
    active: bool
    specialisms: tuple[NeedArea, ...]
    leave: tuple[Leave, ...]
    open_cases_led: int = 0
    load: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


AGENCY_FIELDS = tuple(f.name for f in fields(AgencyRecord) if f.name not in ("id", "version", "professional_count"))
PROFESSIONAL_FIELDS = (
    "given_name",
    "family_name",
    "job_title",
    "agency_id",
    "locality_id",
    "fte",
    "capacity",
    "email",
    "phone",
    "active",
    "specialisms",
    "leave",
)


class DirectoryService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self._db = db
        self._actor = actor

    # -- reading ----------------------------------------------------------

    def localities(self) -> list[LocalityRecord]:
        self._actor.require(Permission.VIEW_DIRECTORY)
        with self._db.reader() as s:
            rows = s.scalars(select(models.Locality).order_by(models.Locality.name))
            return [LocalityRecord(r.id, r.name, r.code) for r in rows]

    def working_localities(self) -> list[LocalityRecord]:
        """The localities the actor works in, for the choosers of their work
        (an administrator keeps the whole directory: every locality)."""
        everyone = self._actor.role is Role.ADMIN
        return [loc for loc in self.localities() if everyone or self._actor.works_in(loc.id)]

    def agencies(self) -> list[AgencyRecord]:
        self._actor.require(Permission.VIEW_DIRECTORY)
        with self._db.reader() as s:
            counts = dict(
                s.execute(
                    select(models.Professional.agency_id, func.count())
                    .where(models.Professional.active)
                    .group_by(models.Professional.agency_id)
                ).all()
            )
            agencies = s.scalars(select(models.Agency).order_by(models.Agency.name))
            return [_agency_record(a, counts.get(a.id, 0)) for a in agencies]

    def agency(self, agency_id: uuid.UUID) -> AgencyRecord:
        self._actor.require(Permission.VIEW_DIRECTORY)
        with self._db.reader() as s:
            return _agency_record(_get(s, models.Agency, agency_id))

    def professionals(self) -> list[ProfessionalRecord]:
        self._actor.require(Permission.VIEW_DIRECTORY)
        with self._db.reader() as s:
            loads = self._caseloads(s)
            rows = s.scalars(
                _professional_query().order_by(models.Professional.family_name, models.Professional.given_name)
            )
            return [_professional_record(p, loads.get(p.id, (0, 0.0))) for p in rows]

    def professional(self, professional_id: uuid.UUID) -> ProfessionalRecord:
        self._actor.require(Permission.VIEW_DIRECTORY)
        with self._db.reader() as s:
            p = s.scalars(_professional_query().where(models.Professional.id == professional_id)).one_or_none()
            if p is None:
                raise NotFound("That professional is no longer in the directory.")
            return _professional_record(p, self._caseloads(s, professional_id).get(p.id, (0, 0.0)))

    # -- agencies ---------------------------------------------------------

    def create_agency(self, values: Mapping[str, Any], *, agency_id: uuid.UUID | None = None) -> AgencyRecord:
        self._actor.require(Permission.EDIT_DIRECTORY)
        values = _clean(values, AGENCY_FIELDS)
        values.setdefault("active", True)
        values.setdefault("capacity_per_fte", 20.0)
        with self._db.session() as s:
            _validate_agency(s, values, None)
            agency = models.Agency(id=agency_id or new_id(), **values)
            s.add(agency)
            _flush(s, "agency")
            audit.record(s, self._actor, "agency.created", "agency", agency.id, _as_changes({}, values))
            return _agency_record(agency)

    def update_agency(self, agency_id: uuid.UUID, expected_version: int, changes: Mapping[str, Any]) -> AgencyRecord:
        self._actor.require(Permission.EDIT_DIRECTORY)
        changes = _clean(changes, AGENCY_FIELDS)
        with self._db.session() as s:
            agency = _get_for_update(s, models.Agency, agency_id, expected_version)
            _validate_agency(s, {**_values(agency, AGENCY_FIELDS), **changes}, agency_id)
            before = _values(agency, changes)
            for name, value in changes.items():
                setattr(agency, name, value)
            _flush(s, "agency")
            diff = _as_changes(before, changes)
            if diff:
                audit.record(s, self._actor, "agency.updated", "agency", agency.id, diff)
            return _agency_record(agency)

    # -- professionals ----------------------------------------------------

    def create_professional(
        self, values: Mapping[str, Any], *, professional_id: uuid.UUID | None = None
    ) -> ProfessionalRecord:
        self._actor.require(Permission.EDIT_DIRECTORY)
        values = _clean(values, PROFESSIONAL_FIELDS)
        values.setdefault("active", True)
        values.setdefault("fte", 1.0)
        values.setdefault("specialisms", ())
        values.setdefault("leave", ())
        with self._db.session() as s:
            _validate_professional(s, values)
            self._require_locality(s, values["locality_id"])
            professional = models.Professional(id=professional_id or new_id())
            _apply_professional(professional, values)
            s.add(professional)
            _flush(s, "professional")
            audit.record(
                s, self._actor, "professional.created", "professional", professional.id, _as_changes({}, values)
            )
            return self._reload(s, professional.id)

    def update_professional(
        self, professional_id: uuid.UUID, expected_version: int, changes: Mapping[str, Any]
    ) -> ProfessionalRecord:
        self._actor.require(Permission.EDIT_DIRECTORY)
        changes = _clean(changes, PROFESSIONAL_FIELDS)
        with self._db.session() as s:
            professional = _get_for_update(s, models.Professional, professional_id, expected_version)
            self._require_locality(s, professional.locality_id)
            current = _professional_values(professional)
            _validate_professional(s, {**current, **changes})
            self._require_locality(s, changes.get("locality_id", professional.locality_id))
            before = {name: current[name] for name in changes}
            _apply_professional(professional, changes)
            # Child rows (specialisms, leave) do not touch the parent row; bump
            # its version so that other editors see the change.
            s.add(professional)
            professional.updated_at = clock.now()
            _flush(s, "professional")
            diff = _as_changes(before, changes)
            if diff:
                audit.record(s, self._actor, "professional.updated", "professional", professional.id, diff)
            return self._reload(s, professional.id)

    # -- removing: only to undo an addition ----------------------------------
    # People and agencies that have been part of the work are made inactive,
    # which keeps the history. Removal is for taking back an addition made in
    # error, and is refused once anything refers to the record.

    def delete_agency(self, agency_id: uuid.UUID, expected_version: int) -> None:
        self._actor.require(Permission.EDIT_DIRECTORY)
        with self._db.session() as s:
            agency = _get_for_update(s, models.Agency, agency_id, expected_version)
            _refuse_removal(s, agency, f"The agency “{agency.name}”", "it")
            audit.record(
                s, self._actor, "agency.deleted", "agency", agency.id, _as_removed(_values(agency, AGENCY_FIELDS))
            )
            s.delete(agency)
            _flush_removal(s, "agency")

    def delete_professional(self, professional_id: uuid.UUID, expected_version: int) -> None:
        self._actor.require(Permission.EDIT_DIRECTORY)
        with self._db.session() as s:
            professional = _get_for_update(s, models.Professional, professional_id, expected_version)
            self._require_locality(s, professional.locality_id)
            _refuse_removal(s, professional, professional.name, "them")
            values = _professional_values(professional)
            audit.record(s, self._actor, "professional.deleted", "professional", professional.id, _as_removed(values))
            s.delete(professional)  # specialisms and leave go with it
            _flush_removal(s, "professional")

    def _reload(self, s: Session, professional_id: uuid.UUID) -> ProfessionalRecord:
        s.expire_all()
        p = s.scalars(_professional_query().where(models.Professional.id == professional_id)).one()
        return _professional_record(p, self._caseloads(s, professional_id).get(p.id, (0, 0.0)))

    def _require_locality(self, s: Session, locality_id: uuid.UUID) -> None:
        """Managers and business support keep their own localities' professionals; administrators everyone's."""
        if self._actor.role is not Role.ADMIN:
            scope.require_locality(s, self._actor, locality_id, "change the directory's professionals")

    def _caseloads(self, s: Session, professional_id: uuid.UUID | None = None) -> dict[uuid.UUID, tuple[int, float]]:
        """Everyone's caseload figures, or a lead professional's own only."""
        if self._actor.can(Permission.VIEW_CASELOADS):
            return _caseloads(s, professional_id)
        own = self._actor.professional_id
        if own is None or professional_id not in (None, own):
            return {}
        return _caseloads(s, own)


# -- helpers ---------------------------------------------------------------


def _get(s: Session, model: type[models.Entity], entity_id: uuid.UUID) -> Any:
    entity = s.get(model, entity_id)
    if entity is None:
        raise NotFound(f"That {model.__tablename__} is no longer in the directory.")
    return entity


def _get_for_update(s: Session, model: type[models.Entity], entity_id: uuid.UUID, expected_version: int) -> Any:
    entity = _get(s, model, entity_id)
    if entity.version != expected_version:
        raise ConflictError(
            f"Someone else changed this {model.__tablename__} while you were editing it. "
            "Your view has been refreshed; make your change again."
        )
    return entity


def _flush(s: Session, what: str) -> None:
    from sqlalchemy.orm.exc import StaleDataError  # with the ORM, off the start-up path

    try:
        s.flush()
    except StaleDataError as exc:
        raise ConflictError(f"Someone else changed this {what} at the same moment. Make your change again.") from exc
    except IntegrityError as exc:
        raise ValidationError({"name": f"This {what} clashes with one already in the directory."}) from exc


def _refuse_removal(s: Session, entity: Any, label: str, pronoun: str) -> None:
    users = referred_to_by(s, entity)
    if users:
        raise ServiceError(
            f"{label} cannot be removed: {', '.join(users)} refer to {pronoun}. Make {pronoun} inactive instead."
        )


def _flush_removal(s: Session, what: str) -> None:
    from sqlalchemy.orm.exc import StaleDataError

    try:
        s.flush()
    except StaleDataError as exc:
        raise ConflictError(f"Someone else changed this {what} at the same moment. Try again.") from exc
    except IntegrityError as exc:
        raise ServiceError(f"This {what} cannot be removed: another record now refers to it.") from exc


def _as_removed(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: [_auditable(value), None] for name, value in values.items() if value not in (None, (), [])}


def _clean(values: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "is not a field that can be edited here."))
    return {name: v.clean_text(value) for name, value in values.items()}


def _values(entity: Any, names) -> dict[str, Any]:
    return {name: getattr(entity, name) for name in names}


def _as_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [_auditable(before.get(name)), _auditable(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _auditable(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_auditable(item) for item in value]
    if isinstance(value, Leave):
        return f"{value.starts_on.isoformat()} to {value.ends_on.isoformat()}" + (
            f" ({value.reason})" if value.reason else ""
        )
    return value


def _agency_record(a: models.Agency, professional_count: int = 0) -> AgencyRecord:
    return AgencyRecord(id=a.id, version=a.version, professional_count=professional_count, **_values(a, AGENCY_FIELDS))


def _validate_agency(s: Session, values: Mapping[str, Any], agency_id: uuid.UUID | None) -> None:
    errors = _collect(
        ("name", lambda: v.required(values.get("name"), "Name") or v.max_length(values.get("name"), 120, "Name")),
        ("short_name", lambda: v.max_length(values.get("short_name"), 30, "Short name")),
        ("membership", lambda: _member_of(values.get("membership"), Membership, "Membership")),
        ("sector", lambda: _member_of(values.get("sector"), Sector, "Sector")),
        (
            "capacity_per_fte",
            lambda: v.number_between(values.get("capacity_per_fte"), 0, 200, "Capacity per FTE", low_inclusive=False),
        ),
        ("postcode", lambda: v.postcode(values.get("postcode"))),
        ("phone", lambda: v.phone(values.get("phone"))),
        ("email", lambda: v.email(values.get("email"))),
    )
    name = values.get("name")
    if "name" not in errors and name:
        clash = s.scalar(
            select(models.Agency.id).where(
                func.lower(models.Agency.name) == name.lower(), models.Agency.id != agency_id
            )
        )
        if clash:
            errors["name"] = f"There is already an agency called “{name}”."
    if errors:
        raise ValidationError(errors)


def _professional_query():
    from sqlalchemy.orm import selectinload

    return select(models.Professional).options(
        selectinload(models.Professional.agency),
        selectinload(models.Professional.locality),
        selectinload(models.Professional.specialisms),
        selectinload(models.Professional.leave),
    )


def _caseloads(s: Session, professional_id: uuid.UUID | None = None) -> dict[uuid.UUID, tuple[int, float]]:
    return {pid: (load.led_cases, load.led_weight) for pid, load in open_loads(s, only=professional_id).items()}


def _professional_values(p: models.Professional) -> dict[str, Any]:
    values = _values(p, [f for f in PROFESSIONAL_FIELDS if f not in ("specialisms", "leave")])
    values["specialisms"] = tuple(sorted((sp.area for sp in p.specialisms), key=NEED_AREA_ORDER.__getitem__))
    values["leave"] = tuple(
        Leave(lp.starts_on, lp.ends_on, lp.reason) for lp in sorted(p.leave, key=lambda lp: lp.starts_on)
    )
    return values


def _professional_record(p: models.Professional, caseload: tuple[int, float]) -> ProfessionalRecord:
    values = _professional_values(p)
    capacity = p.capacity if p.capacity is not None else p.fte * p.agency.capacity_per_fte
    return ProfessionalRecord(
        id=p.id,
        version=p.version,
        agency_name=p.agency.name,
        locality_name=p.locality.name,
        effective_capacity=round(capacity, 2),
        open_cases_led=caseload[0],
        load=round(caseload[1], 2),
        **values,
    )


def _apply_professional(p: models.Professional, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if name == "specialisms":
            wanted = set(value)
            p.specialisms = [sp for sp in p.specialisms if sp.area in wanted] + [
                models.Specialism(area=area) for area in value if area not in {sp.area for sp in p.specialisms}
            ]
        elif name == "leave":
            p.leave = [models.LeavePeriod(starts_on=lp.starts_on, ends_on=lp.ends_on, reason=lp.reason) for lp in value]
        else:
            setattr(p, name, value)


def _validate_professional(s: Session, values: Mapping[str, Any]) -> None:
    errors = _collect(
        (
            "given_name",
            lambda: (
                v.required(values.get("given_name"), "Given name")
                or v.max_length(values.get("given_name"), 100, "Given name")
            ),
        ),
        (
            "family_name",
            lambda: (
                v.required(values.get("family_name"), "Family name")
                or v.max_length(values.get("family_name"), 100, "Family name")
            ),
        ),
        (
            "job_title",
            lambda: (
                v.required(values.get("job_title"), "Job title")
                or v.max_length(values.get("job_title"), 120, "Job title")
            ),
        ),
        ("agency_id", lambda: _exists(s, models.Agency, values.get("agency_id"), "Agency")),
        ("locality_id", lambda: _exists(s, models.Locality, values.get("locality_id"), "Locality")),
        ("fte", lambda: v.number_between(values.get("fte"), 0, 1, "FTE", low_inclusive=False)),
        (
            "capacity",
            lambda: (
                None if values.get("capacity") is None else v.number_between(values.get("capacity"), 0, 200, "Capacity")
            ),
        ),
        ("email", lambda: v.email(values.get("email"))),
        ("phone", lambda: v.phone(values.get("phone"))),
        ("specialisms", lambda: _specialisms_problem(values.get("specialisms", ()))),
        ("leave", lambda: _leave_problem(values.get("leave", ()))),
    )
    if errors:
        raise ValidationError(errors)


def _collect(*checks: tuple[str, Callable[[], str | None]]) -> dict[str, str]:
    errors = {}
    for name, check in checks:
        message = check()
        if message:
            errors[name] = message
    return errors


def _member_of(value: Any, enum_cls: type[Enum], label: str) -> str | None:
    if value not in set(enum_cls):
        return f"{label} must be one of: {', '.join(m.value for m in enum_cls)}."
    return None


def _exists(s: Session, model: type, entity_id: Any, label: str) -> str | None:
    if entity_id is None:
        return f"{label} is required."
    if not isinstance(entity_id, uuid.UUID) or s.get(model, entity_id) is None:
        return f"{label} is not in the directory."
    return None


def _specialisms_problem(areas: Any) -> str | None:
    if any(area not in set(NeedArea) for area in areas):
        return "Specialisms must be need areas."
    if len(set(areas)) != len(tuple(areas)):
        return "A specialism is listed twice."
    return None


def _leave_problem(periods: Any) -> str | None:
    ordered = sorted(periods, key=lambda lp: lp.starts_on)
    for period in ordered:
        if period.ends_on < period.starts_on:
            return f"Leave from {period.starts_on:%d %b %Y} ends before it starts."
    for first, second in itertools.pairwise(ordered):
        if second.starts_on <= first.ends_on:
            return f"Leave from {first.starts_on:%d %b %Y} overlaps leave from {second.starts_on:%d %b %Y}."
    return None
