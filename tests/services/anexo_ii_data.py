"""The hand-made region of the Anexo II tests (tests/services/test_anexo_ii_*.py).

Today is 15/01/2026 (conftest). Viviendas (conftest): Triana, 6 men's + 2 women's places;
Macarena, 8 mixed. Referring centres: «CTA Huelva» (Huelva), «CT Cádiz» (Cádiz), «CTA Sin
Provincia» (no province: the person's counts). Stays, referrals and their events are
written directly, as the services would have left them.

People (CODAPEL · referring centre of the file · own province) and what they did:

  Stays in Triana                         discharge                 counts in
  AA  CTA Huelva   Sevilla  01/06/2025 → 31/12/2025 terapéutica     T4 (last day in)
  BB  CT Cádiz     Sevilla  01/09/2025 → 01/01/2026 voluntaria      not T4 (first day after)
  CC  CTA Sin Prov Córdoba  01/08/2025 → 01/10/2025 disciplinaria   T4 (first day in)
  DD  —            Jaén     01/05/2025 → 30/09/2025 derivada        not T4 (day before)
  EE  CTA Huelva   Huelva   01/07/2025 → 15/11/2025 voluntaria      T4
  FF  —            Jaén     10/09/2025 → 01/12/2025 derivada        T4; protocol received
                                                      01/08, fixed 15/08/2025
  GG  CT Cádiz     Sevilla  15/07/2025 → 20/10/2025 terapéutica     T4, its protocol from
                                                      CTA Huelva (the protocol's centre wins)
  MM  CT Cádiz     Sevilla  01/03/2025 → 01/04/2025 terapéutica     (protocol resigned later)
  SS  CT Cádiz     Sevilla  28/12/2025 → open, from prison
  Stay in Macarena
  RR  CTA Huelva   Sevilla  20/12/2025 → open; protocol received 01/12/2025

  Protocols closed without a stay (closing date)
  HH  CT Cádiz     resigned     31/12/2025   T4 and S2 (last day)
  II  CT Cádiz     not_located  01/10/2025   T4 and S2
  JJ  CTA Huelva   withdrawn    05/11/2025   T4 and S2
  KK  CTA Huelva   resigned     01/01/2026   neither (first day after)
  LL  CTA Huelva   resigned     30/09/2025   S2 only
  NN  CTA Sin Prov not_located  01/07/2025   S2 only (first day of S2)
  MM  CT Cádiz     resigned     10/11/2025   neither: it has a stay (not a demand without
                                             admission)

  Protocols marked incomplete (date of the «incomplete» event)
  OO  CT Cádiz     10/08/2025 «Falta analítica», fixed 20/08/2025 «Analítica aportada»  S2
  PP  CTA Huelva   31/12/2025 «Falta informe social», not fixed                      S2
  QQ  CTA Huelva   02/01/2026 — after S2;  UU CTA Huelva 30/06/2025 — before S2
"""

from datetime import date

from sqlmodel import select

from reinsercion_desktop.db.models import (
    Participant,
    Referral,
    ReferralEvent,
    ReferringCentre,
    Stay,
    Vivienda,
)

D = date


def build_region(db, admin) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Writes the region above; returns {"Huelva"/"Cádiz"/"SinProv": centre id,
    "Triana"/"Macarena": vivienda id}."""
    with db.unit_of_work(admin) as work:
        houses = {v.name.split()[-1]: v.id for v in work.session.exec(select(Vivienda)).all()}
        centres = {}
        for key, kind, name, province in (
            ("Huelva", "CTA", "CTA Huelva", "Huelva"),
            ("Cádiz", "CT", "CT Cádiz", "Cádiz"),
            ("SinProv", "CTA", "CTA Sin Provincia", ""),
        ):
            centre = work.add(ReferringCentre(kind=kind, name=name, province=province))
            work.flush()
            centres[key] = centre.id

        def person(code: str, centre: str | None, province: str) -> Participant:
            made = work.add(
                Participant(
                    first_name="Nombre", surname1="Apellido", birth_date=D(1980, 2, 2),
                    sex="H", codapel=f"{code}0101H", province=province,
                    referring_centre_id=centres[centre] if centre else None,
                )
            )  # fmt: skip
            work.flush()
            return made

        def referral(who: Participant, status: str, **fields) -> Referral:  # type: ignore[no-untyped-def]
            fields.setdefault("referring_centre_id", who.referring_centre_id)
            made = work.add(
                Referral(
                    participant_id=who.id, protocol_date=D(2025, 1, 2), status=status, **fields
                )
            )
            work.flush()
            return made

        def stay(who, house, admission, discharge=None, kind="", **fields):  # type: ignore[no-untyped-def]
            work.add(
                Stay(
                    participant_id=who.id, vivienda_id=houses[house], admission_date=admission,
                    discharge_date=discharge, discharge_type=kind, **fields,
                )
            )  # fmt: skip

        triana = "Triana"
        stay(
            person("AA", "Huelva", "Sevilla"), triana, D(2025, 6, 1), D(2025, 12, 31), "terapeutica"
        )
        stay(person("BB", "Cádiz", "Sevilla"), triana, D(2025, 9, 1), D(2026, 1, 1), "voluntaria")
        stay(
            person("CC", "SinProv", "Córdoba"),
            triana,
            D(2025, 8, 1),
            D(2025, 10, 1),
            "disciplinaria",
        )
        stay(person("DD", None, "Jaén"), triana, D(2025, 5, 1), D(2025, 9, 30), "derivada")
        stay(person("EE", "Huelva", "Huelva"), triana, D(2025, 7, 1), D(2025, 11, 15), "voluntaria")
        ff = person("FF", None, "Jaén")
        ff_ref = referral(ff, "admitted", received_date=D(2025, 8, 1), fixed_date=D(2025, 8, 15))
        stay(ff, triana, D(2025, 9, 10), D(2025, 12, 1), "derivada", referral_id=ff_ref.id)
        gg = person("GG", "Cádiz", "Sevilla")
        gg_ref = referral(gg, "admitted", referring_centre_id=centres["Huelva"])
        stay(gg, triana, D(2025, 7, 15), D(2025, 10, 20), "terapeutica", referral_id=gg_ref.id)
        mm = person("MM", "Cádiz", "Sevilla")
        mm_ref = referral(mm, "resigned", closed_date=D(2025, 11, 10))
        stay(mm, triana, D(2025, 3, 1), D(2025, 4, 1), "terapeutica", referral_id=mm_ref.id)
        stay(person("SS", "Cádiz", "Sevilla"), triana, D(2025, 12, 28), prison=True)
        rr = person("RR", "Huelva", "Sevilla")
        rr_ref = referral(rr, "admitted", received_date=D(2025, 12, 1))
        stay(rr, "Macarena", D(2025, 12, 20), referral_id=rr_ref.id)

        for code, centre, province, status, closed in (
            ("HH", "Cádiz", "Sevilla", "resigned", D(2025, 12, 31)),
            ("II", "Cádiz", "Sevilla", "not_located", D(2025, 10, 1)),
            ("JJ", "Huelva", "Sevilla", "withdrawn", D(2025, 11, 5)),
            ("KK", "Huelva", "Sevilla", "resigned", D(2026, 1, 1)),
            ("LL", "Huelva", "Sevilla", "resigned", D(2025, 9, 30)),
            ("NN", "SinProv", "Córdoba", "not_located", D(2025, 7, 1)),
        ):
            referral(person(code, centre, province), status, closed_date=closed)

        for code, centre, marked, cause, fixed, note in (
            (
                "OO",
                "Cádiz",
                D(2025, 8, 10),
                "Falta analítica",
                D(2025, 8, 20),
                "Analítica aportada",
            ),
            ("PP", "Huelva", D(2025, 12, 31), "Falta informe social", None, ""),
            ("QQ", "Huelva", D(2026, 1, 2), "Falta DNI", None, ""),
            ("UU", "Huelva", D(2025, 6, 30), "Falta DNI", None, ""),
        ):
            made = referral(
                person(code, centre, "Sevilla"),
                "received" if fixed else "incomplete",
                incomplete_cause=cause, fixed_date=fixed, fix_note=note,
            )  # fmt: skip
            work.add(
                ReferralEvent(referral_id=made.id, on_date=marked, status="incomplete", note=cause)
            )
    return {**centres, **houses}
