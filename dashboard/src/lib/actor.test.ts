import { describe, expect, it } from 'vitest';
import { initials, normalizeActor } from './actor';

describe('normalizeActor', () => {
  it('trims and collapses whitespace', () => {
    expect(normalizeActor('  Dana   Ortiz \n')).toBe('Dana Ortiz');
  });
  it('treats empty input as no name', () => {
    expect(normalizeActor('')).toBeNull();
    expect(normalizeActor('   ')).toBeNull();
    expect(normalizeActor(null)).toBeNull();
  });
  it('caps the length at what the server accepts', () => {
    expect(normalizeActor('x'.repeat(200))).toHaveLength(120);
  });
});

describe('initials', () => {
  it('uses first and last word', () => {
    expect(initials('Dana Ortiz')).toBe('DO');
    expect(initials('Ana Maria da Silva')).toBe('AS');
    expect(initials('marek')).toBe('M');
  });
});
