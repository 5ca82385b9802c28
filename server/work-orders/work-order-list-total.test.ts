/**
 * The list's total is kept per filter while the database is unchanged
 * (work-order-repository.ts); it must still follow every change: a write on
 * the server's connection, a commit by another connection, a rolled-back
 * transaction, and filters that differ only in null vs undefined.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server';
import { listWorkOrderRecords, type WorkOrderFilter } from './work-order-repository';

describe('work-order list total', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  const page = { limit: 1, offset: 0 };
  const total = (f: Omit<WorkOrderFilter, 'limit' | 'offset'> = {}) => listWorkOrderRecords(server.database, { ...f, ...page }).total;
  const create = (title: string) => server.services.workOrders.create({ type: 'corrective', deviceId: 'P-104', title });

  it('follows writes on this connection and commits by another one', () => {
    expect(total({ statuses: ['open'] })).toBe(0);
    const first = create('one');
    expect(total({ statuses: ['open'] })).toBe(1);
    expect(total({ statuses: ['open'] })).toBe(1);
    create('two');
    expect(total({ statuses: ['open'] })).toBe(2);

    const other = new Database(server.database.file);
    other.prepare('UPDATE work_orders SET status = ? WHERE id = ?').run('cancelled', first.id);
    other.close();
    expect(total({ statuses: ['open'] })).toBe(1);
    expect(total({ statuses: ['cancelled'] })).toBe(1);
  });

  it('does not keep a total read inside a transaction that is rolled back', () => {
    create('one');
    expect(total()).toBe(1);
    const sqlite = server.database.sqlite;
    sqlite.exec('BEGIN');
    create('two');
    expect(total()).toBe(2);
    sqlite.exec('ROLLBACK');
    expect(total()).toBe(1);
  });

  it('tells an unassigned filter (null) from no assignee filter (undefined)', () => {
    create('one');
    expect(total({ assigneeId: null })).toBe(1);
    expect(total({})).toBe(1);
    expect(total({ assigneeId: 'nobody' })).toBe(0);
    expect(total({ assigneeId: null })).toBe(1);
  });
});
