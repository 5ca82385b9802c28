import type { TechnicianRef, TechnicianView, TechnicianWorkloadView } from '../http/api-types';
import { toCertificationView } from './certifications';
import type { Technician } from './technician-repository';
import type { ShiftStatus } from './technician-shifts';

export function toTechnicianView(t: Technician, workload: TechnicianWorkloadView, shift: ShiftStatus, at: number): TechnicianView {
  return {
    id: t.id,
    name: t.name,
    siteId: t.siteId,
    skills: t.skills,
    certifications: t.certifications.map((c) => toCertificationView(c, at)),
    shifts: t.shifts,
    supervisor: t.supervisor,
    tokenName: t.tokenName,
    active: t.active,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    workload,
    onShift: shift.onShift,
    nextShiftAt: shift.nextShiftAt,
  };
}

export const toTechnicianRef = (t: { id: string; name: string }): TechnicianRef => ({ id: t.id, name: t.name });
