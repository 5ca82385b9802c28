import { describe, expect, it } from 'vitest';
import { initials } from './actor';

describe('initials', () => {
  it('uses first and last word', () => {
    expect(initials('Dana Ortiz')).toBe('DO');
    expect(initials('Ana Maria da Silva')).toBe('AS');
    expect(initials('marek')).toBe('M');
    expect(initials('Wall screen hall 2')).toBe('W2');
  });
});
