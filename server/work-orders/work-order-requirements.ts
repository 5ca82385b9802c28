/**
 * What a new order's work calls for, derived from its failure mode and the
 * device's equipment class. Pure; planners change the result per order
 * (PUT /api/work-orders/:id/requirements).
 *
 * - Current anomalies (overcurrent, undercurrent) are electrical work: skill
 *   'electrical'. On the classes driven by large motors with their own drive
 *   or heater cabinets fed from the mains (motor, compressor, injection
 *   molder, press), the work means opening live-voltage enclosures, so it
 *   also needs the 'high-voltage' certification (in Germany the
 *   "Elektrofachkraft" qualification under DGUV V3); on pumps, fans and
 *   conveyors the technician checks the load side first.
 * - Vibration (ISO 10816 velocity RMS) is bearings, alignment, balance:
 *   'mechanical' and 'vibration-analysis'; on a gearbox also 'lubrication'.
 * - Overheating is cooling, lubrication or a winding: 'mechanical' and
 *   'electrical'; on an injection molder the barrel heaters are live
 *   equipment, so 'high-voltage' as well.
 * - Low temperature (a stopped heater or process): 'mechanical'.
 * - No data (a silent device): sensors, cables and the edge agent's
 *   network are instrumentation work: 'electrical'.
 * - Orders without a failure mode (preventive, inspection) require nothing.
 */
import type { EquipmentClass } from '../../contract/plant';
import type { FailureMode } from '../detection/types';

export interface WorkRequirements {
  certifications: string[];
  skills: string[];
}

export const HIGH_VOLTAGE = 'high-voltage';

/** Classes whose electrical work means opening mains-voltage drive or heater cabinets. */
export const HIGH_VOLTAGE_CLASSES: readonly EquipmentClass[] = ['motor', 'compressor', 'injection-molder', 'press'];

export function deriveRequirements(failureMode: FailureMode | null, equipmentClass: EquipmentClass): WorkRequirements {
  const highVoltage = HIGH_VOLTAGE_CLASSES.includes(equipmentClass);
  switch (failureMode) {
    case 'overcurrent':
    case 'undercurrent':
      return { certifications: highVoltage ? [HIGH_VOLTAGE] : [], skills: ['electrical'] };
    case 'vibration-high':
      return { certifications: [], skills: equipmentClass === 'gearbox' ? ['mechanical', 'vibration-analysis', 'lubrication'] : ['mechanical', 'vibration-analysis'] };
    case 'overheating':
      return { certifications: equipmentClass === 'injection-molder' ? [HIGH_VOLTAGE] : [], skills: ['mechanical', 'electrical'] };
    case 'temperature-low':
      return { certifications: [], skills: ['mechanical'] };
    case 'no-data':
      return { certifications: [], skills: ['electrical'] };
    case null:
      return { certifications: [], skills: [] };
  }
}

/** The work_orders columns that store requirements. */
export function requirementColumns(r: WorkRequirements): { requiredCertifications: string; requiredSkills: string } {
  return { requiredCertifications: JSON.stringify(r.certifications), requiredSkills: JSON.stringify(r.skills) };
}
