import { describe, expect, it } from 'vitest';
import { deriveRequirements } from './work-order-requirements';

describe('requirements derived for a new order', () => {
  it('asks for the high-voltage certification for current anomalies on mains-fed drive classes only', () => {
    expect(deriveRequirements('overcurrent', 'motor')).toEqual({ certifications: ['high-voltage'], skills: ['electrical'] });
    expect(deriveRequirements('undercurrent', 'compressor')).toEqual({ certifications: ['high-voltage'], skills: ['electrical'] });
    expect(deriveRequirements('overcurrent', 'injection-molder').certifications).toEqual(['high-voltage']);
    expect(deriveRequirements('overcurrent', 'pump')).toEqual({ certifications: [], skills: ['electrical'] });
    expect(deriveRequirements('overcurrent', 'conveyor').certifications).toEqual([]);
  });

  it('calls vibration mechanical work with vibration analysis, plus lubrication on a gearbox', () => {
    expect(deriveRequirements('vibration-high', 'pump')).toEqual({ certifications: [], skills: ['mechanical', 'vibration-analysis'] });
    expect(deriveRequirements('vibration-high', 'motor').certifications).toEqual([]);
    expect(deriveRequirements('vibration-high', 'gearbox').skills).toEqual(['mechanical', 'vibration-analysis', 'lubrication']);
  });

  it('treats overheating as mechanical and electrical, live heaters on an injection molder', () => {
    expect(deriveRequirements('overheating', 'fan')).toEqual({ certifications: [], skills: ['mechanical', 'electrical'] });
    expect(deriveRequirements('overheating', 'injection-molder').certifications).toEqual(['high-voltage']);
    expect(deriveRequirements('temperature-low', 'press')).toEqual({ certifications: [], skills: ['mechanical'] });
  });

  it('requires nothing for an order without a failure mode', () => {
    expect(deriveRequirements(null, 'motor')).toEqual({ certifications: [], skills: [] });
  });
});
