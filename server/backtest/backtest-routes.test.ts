import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, BacktestRequest, BacktestResultView } from '../http/api-types';
import { createErrorHandler } from '../http/errors';
import { silentLogger } from '../testing/test-database';
import { anomalyEvent, createTestServer, postJson, type TestServer } from '../testing/test-server';
import { confirmedOutcome, finishOrder } from '../testing/work-order-steps';
import { backtestRoutes } from './backtest-routes';
import { HOUR, lowerPumpVibrationWarn, MINUTE, RANGE_START, scenarioPoints } from './test-telemetry';

const FROM = new Date(RANGE_START).toISOString();
const TO = RANGE_START + 8 * HOUR;

describe('POST /api/backtests', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = createTestServer();
    await server.telemetryStore.write(scenarioPoints());
  });
  afterEach(() => server.close());

  const request = (overrides: Partial<BacktestRequest> = {}): BacktestRequest => ({ from: FROM, to: TO, changes: [lowerPumpVibrationWarn()], groundTruth: 'none', ...overrides });

  /** The backtest routes alone, with a ground-truth file and a point cap of our choosing. */
  const routesWith = (options: { groundTruthFile?: string; maxPoints?: number }) => {
    const app = new Hono();
    app.onError(createErrorHandler(silentLogger));
    app.route('/api', backtestRoutes({ database: server.database, telemetryStore: server.telemetryStore, rules: server.services.rules, ...(options.groundTruthFile && { groundTruthFile: () => options.groundTruthFile! }), ...(options.maxPoints && { maxPoints: options.maxPoints }) }));
    return app;
  };

  it('replays the current and the candidate rules side by side, and says which orders only the candidate raises', async () => {
    const { status, body } = await postJson<BacktestResultView>(server.app, '/api/backtests', request());
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: RANGE_START, to: TO, deviceIds: ['P-101', 'P-104', 'C-201', 'CV-C1'], points: scenarioPoints().length, changedRuleIds: ['class.pump.vibration'], timeToCloseMs: 24 * HOUR });
    expect(body.current.summary).toMatchObject({ orders: 1, anomalies: 1, falseAlarms: 1 });
    expect(body.candidate.summary).toMatchObject({ orders: 2, anomalies: 2, falseAlarms: 2 });
    const p104 = RANGE_START + 2 * HOUR + 5 * MINUTE;
    expect(body.diff.onlyCandidate).toEqual([{ ref: `P-104/vibration-high@${p104}`, deviceId: 'P-104', failureMode: 'vibration-high', openedAt: p104, severity: 'warn', verdict: 'false-alarm' }]);
    expect(body.diff.onlyCurrent).toEqual([]);
    expect(body.diff.both.map((b) => [b.candidate.deviceId, b.openedEarlierByMs])).toEqual([['P-101', 0]]);
    expect(body.candidate.perDevice.find((d) => d.deviceId === 'P-104')).toEqual({ deviceId: 'P-104', points: scenarioPoints().length / 2, anomalies: 1, orders: 1, falseAlarms: 1, faultsKnown: 0, faultsCaught: 0 });
    expect(body.warnings).toEqual([]);
  });

  it('scores both sets against simulator ground truth and confirmed work orders', async () => {
    // P-104's 2.6 mm/s hour was a wearing bearing that failed at 3:30.
    const file = join(server.dir, 'ground-truth.jsonl');
    const fault = { faultId: 'wear-1', deviceId: 'P-104', kind: 'bearing-wear', startAt: RANGE_START + 1.5 * HOUR, failureAt: RANGE_START + 3.5 * HOUR };
    writeFileSync(file, `${JSON.stringify({ event: 'start', ...fault, endAt: null })}\n${JSON.stringify({ event: 'end', ...fault, endAt: RANGE_START + 4 * HOUR })}\n`);
    // P-101's spike was found live (detected 4:05) and confirmed by a technician.
    const detectedAt = RANGE_START + 4 * HOUR + 5 * MINUTE;
    const live = server.services.workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'P-101', ts: detectedAt, startedAt: detectedAt - 5 * MINUTE }))!;
    finishOrder(server.services.workOrders, live.workOrder!.id, confirmedOutcome());

    const { status, body } = await postJson<BacktestResultView>(routesWith({ groundTruthFile: file }), '/api/backtests', request({ groundTruth: 'simulator' }));
    expect(status).toBe(200);
    expect(body.knownFaults).toEqual({ simulator: 1, confirmedOrders: 1 });
    const wear = (set: BacktestResultView['current']) => set.faults.find((f) => f.faultId === 'wear-1')!;
    expect(wear(body.current)).toMatchObject({ caught: false, leadTimeMs: null });
    expect(wear(body.candidate)).toMatchObject({ caught: true, via: 'opened', detectedAt: RANGE_START + 2 * HOUR + 5 * MINUTE, leadTimeMs: 85 * MINUTE });
    const confirmed = body.current.faults.find((f) => f.source === 'confirmed-order')!;
    expect(confirmed).toMatchObject({ faultId: live.workOrder!.number, deviceId: 'P-101', caught: true, leadTimeMs: 0 });
    expect(body.current.summary).toMatchObject({ faultsKnown: 2, faultsCaught: 1, falseAlarms: 0, medianLeadTimeMs: 0 });
    expect(body.candidate.summary).toMatchObject({ faultsKnown: 2, faultsCaught: 2, falseAlarms: 0, medianLeadTimeMs: 85 * MINUTE / 2 });
    expect(body.candidate.orders.map((o) => o.verdict)).toEqual(['fault', 'fault']);
  });

  it('takes an edited rule as GET /api/rules shows it', async () => {
    const saved = { ...lowerPumpVibrationWarn(), updatedAt: RANGE_START, updatedBy: 'defaults' };
    const { status, body } = await postJson<BacktestResultView>(server.app, '/api/backtests', request({ changes: [saved] }));
    expect(status).toBe(200);
    expect(body.candidate.summary.orders).toBe(2);
  });

  it('warns when there is no ground-truth file, and runs anyway', async () => {
    const { status, body } = await postJson<BacktestResultView>(routesWith({ groundTruthFile: join(server.dir, 'missing.jsonl') }), '/api/backtests', request({ groundTruth: 'simulator' }));
    expect(status).toBe(200);
    expect(body.warnings).toEqual([`no simulator ground truth at ${join(server.dir, 'missing.jsonl')}; scored against confirmed work orders only`]);
  });

  it('refuses a bad candidate rule with 400 naming the field', async () => {
    const bad = { ...lowerPumpVibrationWarn(), warn: 'high' };
    const { status, body } = await postJson<ApiError>(server.app, '/api/backtests', { ...request(), changes: [lowerPumpVibrationWarn(), bad] });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid-body');
    expect(body.error.issues).toEqual([{ path: 'changes.1.warn', message: 'must be a number' }]);

    const unordered = await postJson<ApiError>(server.app, '/api/backtests', request({ changes: [{ ...lowerPumpVibrationWarn(), clear: 2.6 }] }));
    expect(unordered.status).toBe(400);
    expect(unordered.body.error.issues?.map((i) => i.path)).toEqual(['changes.0.clear']);
  });

  it('refuses unknown devices, a change that conflicts with a stored template, and to before from', async () => {
    const unknown = await postJson<ApiError>(server.app, '/api/backtests', request({ deviceIds: ['P-104', 'P-999'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ path: 'deviceIds.1', message: 'unknown device P-999' }]);

    // A second class template for pump vibration: which one would apply?
    const conflict = await postJson<ApiError>(server.app, '/api/backtests', request({ changes: [{ ...lowerPumpVibrationWarn(), id: 'pump.vibration.tight' }] }));
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.issues?.[0]?.path).toBe('changes.0');

    const backwards = await postJson<ApiError>(server.app, '/api/backtests', request({ to: RANGE_START - 1 }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues).toEqual([{ path: 'to', message: 'must not be before from' }]);
  });

  it('refuses a range with more points than the cap, saying to narrow it', async () => {
    const { status, body } = await postJson<ApiError>(routesWith({ maxPoints: 1000 }), '/api/backtests', request());
    expect(status).toBe(400);
    expect(body.error.code).toBe('backtest-too-large');
    expect(body.error.message).toMatch(/narrow the time range or choose fewer devices/);
  });

  it('is for the people who own the rules', async () => {
    const as = (role: Parameters<TestServer['tokenFor']>[0]) =>
      server.app.request('/api/backtests', { method: 'POST', headers: { authorization: `Bearer ${server.tokenFor(role)}`, 'content-type': 'application/json' }, body: JSON.stringify(request()) });
    expect((await as('display')).status).toBe(403);
    expect((await as('technician')).status).toBe(403);
    expect((await as('reliability-engineer')).status).toBe(200);
  });
});
