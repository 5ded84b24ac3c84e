"""Words shown for the domain's enumerations. Plain Python: no Qt here."""

from __future__ import annotations

from tafdesk.models.enums import Membership, NeedArea, Role, Sector

ROLE_LABELS = {
    Role.LOCALITY_MANAGER: "Locality manager",
    Role.LEAD_PROFESSIONAL: "Lead professional",
    Role.BUSINESS_SUPPORT: "Business support",
    Role.ADMIN: "Administrator",
}

MEMBERSHIP_LABELS = {
    Membership.CORE: "Core",
    Membership.ASSOCIATE: "Associate",
}

SECTOR_LABELS = {
    Sector.LOCAL_AUTHORITY: "Local authority",
    Sector.HEALTH: "Health",
    Sector.POLICE: "Police",
    Sector.EDUCATION: "Education",
    Sector.HOUSING: "Housing",
    Sector.FIRE_RESCUE: "Fire and rescue",
    Sector.EMPLOYMENT: "Employment",
    Sector.VOLUNTARY: "Voluntary sector",
}

# Short forms for table cells; the full framework wording is in NeedArea.label.
NEED_AREA_SHORT = {
    NeedArea.EDUCATION: "Education",
    NeedArea.EARLY_YEARS: "Early years",
    NeedArea.HEALTH: "Health",
    NeedArea.SUBSTANCE_USE: "Substance use",
    NeedArea.FAMILY_RELATIONSHIPS: "Family relationships",
    NeedArea.CHILD_SAFETY: "Child safety",
    NeedArea.CRIME: "Crime",
    NeedArea.DOMESTIC_ABUSE: "Domestic abuse",
    NeedArea.HOUSING: "Housing",
    NeedArea.FINANCIAL_STABILITY: "Financial stability",
}
