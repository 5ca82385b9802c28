import { describe, expect, it } from 'vitest';
import { checkNewOrder, stopsLineFor, type NewOrderForm } from './new-order';

const now = Date.UTC(2026, 10, 22, 12, 0);
const parse = (v: string) => Date.parse(`${v}:00Z`);
const form = (patch: Partial<NewOrderForm> = {}): NewOrderForm => ({
  type: 'corrective',
  deviceId: 'P-104',
  title: '  Leaking seal  ',
  description: '',
  severity: '',
  failureMode: '',
  stopsLine: false,
  due: '',
  ...patch,
});

describe('checkNewOrder', () => {
  it('builds the smallest request from the required fields', () => {
    expect(checkNewOrder(form(), now, parse)).toEqual({ ok: true, request: { type: 'corrective', deviceId: 'P-104', title: 'Leaking seal', stopsLine: false } });
  });
  it('sends the optional fields when filled', () => {
    const check = checkNewOrder(form({ description: ' drips ', severity: 'alarm', failureMode: 'overheating', stopsLine: true, due: '2026-11-22T15:30' }), now, parse);
    expect(check).toEqual({
      ok: true,
      request: { type: 'corrective', deviceId: 'P-104', title: 'Leaking seal', description: 'drips', severity: 'alarm', failureMode: 'overheating', stopsLine: true, dueAt: Date.UTC(2026, 10, 22, 15, 30) },
    });
  });
  it('always stops the line for an emergency', () => {
    expect(stopsLineFor('emergency', false)).toBe(true);
    const check = checkNewOrder(form({ type: 'emergency' }), now, parse);
    expect(check.ok && check.request.stopsLine).toBe(true);
  });
  it('names every problem', () => {
    const check = checkNewOrder(form({ type: 'potential-fault', deviceId: '', title: ' ', severity: 'x', due: '2026-11-22T11:00' }), now, parse);
    expect(check).toEqual({
      ok: false,
      problems: {
        type: 'Choose what kind of work this is',
        deviceId: 'Choose the device',
        title: 'Say in a few words what is wrong or what to do',
        severity: 'Warn, alarm or none',
        due: 'Must be in the future',
      },
    });
    expect(checkNewOrder(form({ due: 'garbage' }), now, () => Number.NaN)).toMatchObject({ ok: false, problems: { due: 'Not a date and time' } });
  });
});
