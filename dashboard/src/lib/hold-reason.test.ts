import { describe, expect, it } from 'vitest';
import { holdPausesSla, holdReasonLabel, HOLD_REASONS } from './hold-reason';

describe('hold reasons', () => {
  it('label every reason and pass unknown ones through', () => {
    expect(HOLD_REASONS.map(holdReasonLabel)).toEqual(['Waiting for parts', 'Waiting for vendor', 'Waiting for production', 'Waiting for approval', 'Other']);
    expect(holdReasonLabel('waiting-for-godot')).toBe('waiting-for-godot');
    expect(holdReasonLabel(null)).toBeNull();
  });
  it('pause the SLA for parts, vendor and production only', () => {
    expect(HOLD_REASONS.filter(holdPausesSla)).toEqual(['waiting-for-parts', 'waiting-for-vendor', 'waiting-for-production']);
  });
});
