import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { sites } from './schema';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the parent folder, applies the migrations and keeps data across reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdm-db-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'deeper', 'server.sqlite');

    const first = openDatabase(file);
    const tables = first.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual([
      'anomalies',
      'api_tokens',
      'dead_letters',
      'devices',
      'line_feeds',
      'line_state_changes',
      'lines',
      'maintenance_plans',
      'rule_versions',
      'rules',
      'sites',
      'technicians',
      'webhook_deliveries',
      'webhooks',
      'work_order_events',
      'work_order_notifications',
      'work_orders',
    ]);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    first.db.insert(sites).values({ id: 's1', name: 'Site', timezone: 'UTC' }).run();
    first.close();

    const second = openDatabase(file);
    expect(second.db.select().from(sites).all()).toEqual([{ id: 's1', name: 'Site', timezone: 'UTC', calendar: null }]);
    second.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(':memory:');
    expect(() => db.sqlite.prepare("INSERT INTO lines (id, site_id, name, position) VALUES ('l', 'no-such-site', 'L', 0)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
