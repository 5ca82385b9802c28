export { technicianRoutes } from './technician-routes';
export { createTechnicianService, type TechnicianService, type TechnicianServiceDeps } from './technician-service';
export { rankCandidates, WORKLOAD_WEIGHTS, type RankedOrder, type RankedTechnician, type Ranking } from './assignment-ranking';
export { certificationProblems, isCertificationValid, type Certification } from './certifications';
export { findTechnician, insertMissingTechnicians, type Technician, type TechnicianFields } from './technician-repository';
export { shiftStatus, technicianCalendar, type ShiftStatus } from './technician-shifts';
export { toTechnicianRef } from './technician-views';
