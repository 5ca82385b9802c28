import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncPlant } from '../plant-sync';
import { openTestDatabase, testPlant, type TestDatabase } from '../testing/test-database';
import { findDeviceRow, touchDevices } from './device-repository';

describe('touchDevices', () => {
  let test: TestDatabase;
  beforeEach(() => {
    test = openTestDatabase();
    syncPlant(test.database, testPlant(), 1000);
  });
  afterEach(() => test.cleanup());

  const lastSeen = (id: string) => findDeviceRow(test.database, id)?.lastSeenAt;

  it('moves last-seen forward, never backwards, and ignores unknown devices', () => {
    expect(lastSeen('P-104')).toBeNull();
    expect(touchDevices(test.database, new Map([['P-104', 5000], ['NOPE', 5000]]))).toBe(1);
    expect(lastSeen('P-104')).toBe(5000);
    expect(touchDevices(test.database, new Map([['P-104', 4000]]))).toBe(0);
    expect(lastSeen('P-104')).toBe(5000);
    expect(touchDevices(test.database, new Map([['P-104', 6000]]))).toBe(1);
    expect(lastSeen('P-104')).toBe(6000);
  });

  it('works on a second database (the prepared update belongs to its connection)', () => {
    const other = openTestDatabase();
    try {
      syncPlant(other.database, testPlant(), 1000);
      touchDevices(test.database, new Map([['P-104', 7000]]));
      touchDevices(other.database, new Map([['P-104', 8000]]));
      expect(lastSeen('P-104')).toBe(7000);
      expect(findDeviceRow(other.database, 'P-104')?.lastSeenAt).toBe(8000);
    } finally {
      other.cleanup();
    }
  });
});
