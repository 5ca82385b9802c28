/**
 * The dashboard's main views in a real browser (Debian's Chromium driven by
 * playwright-core) against a whole system on loopback ports with real SQLite
 * files, seeded directly: 100,000 samples of pump P-104 in the telemetry
 * store, work orders worked to closure on a fake clock (so KPIs have real
 * durations), rules as the plant seeds them. A reliability engineer tunes the
 * pump vibration rule and runs a backtest; KPIs, the device history at 100k
 * points (render and zoom/pan redraw times printed), loading/empty/error
 * states and the phone layout are checked. Screenshots of every view go to
 * test-results/screenshots/views-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import type { TelemetryPoint } from '../contract/telemetry';
import { kpiTiles } from '../dashboard/src/lib/kpi-tiles';
import { loadConfig } from '../server/config';
import type { BacktestResultView, KpiView, MaintenancePlanView, WorkOrderView } from '../server/http/api-types';
import { startSystem, type RunningSystem } from '../server/system';
import { launchBrowser, SCREENSHOT_DIR } from './support/browser';
import { DEMO_PLANT } from './support/system-fixture';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RULE = 'class.pump.vibration';
const shot = (name: string) => `${SCREENSHOT_DIR}/views-${name}.png`;

/** Vibration with excursions: some above the current warn (2.8 mm/s), some only above 2.5. */
function vibrationAt(i: number, every: number): number {
  const noise = Math.sin(i * 0.7) * 0.12 + Math.sin(i * 0.013) * 0.08;
  const phase = Math.floor(i / every);
  const inEpisode = i % every < every / 6;
  if (inEpisode && phase % 3 === 1) return 3.3 + noise;
  if (inEpisode && phase % 3 === 2) return 2.65 + noise / 3;
  return 1.7 + noise;
}

function seedPoints(deviceId: string, count: number, stepMs: number, end: number, every: number): TelemetryPoint[] {
  const start = end - (count - 1) * stepMs;
  return Array.from({ length: count }, (_, i) => ({
    deviceId,
    seq: i + 1,
    ts: start + i * stepMs,
    temperature: 58 + Math.sin(i / 900) * 4 + Math.sin(i * 1.3) * 0.3,
    vibration: vibrationAt(i, every),
    current: 24 + Math.sin(i / 400) * 1.2 + Math.sin(i * 2.1) * 0.2,
  }));
}

describe('dashboard views in a real browser', () => {
  let dataDir: string;
  let sys: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Fake clock for the server: real time + offset, so orders can be worked "days ago". */
  let offset = 0;
  const tokens: Record<'engineer' | 'technician' | 'planner', string> = { engineer: '', technician: '', planner: '' };

  async function api<T>(method: string, path: string, body?: unknown, token = sys.adminToken!): Promise<T> {
    const res = await fetch(sys.httpUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async function signIn(token: string, then = '/') {
    await page.goto(`${sys.httpUrl}/#token=${token}&then=${encodeURIComponent(then)}`);
    await page.waitForURL((u) => !u.hash.includes('token='));
    await page.locator('[data-testid="signed-in"]').waitFor();
  }

  /** A view's loading placeholders are gone (charts drawn, tables filled). */
  async function settled() {
    await page.locator('[data-testid="loading-state"]').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pdm-views-'));
    const config = loadConfig({ PORT: '0', MQTT_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PLANT_FILE: DEMO_PLANT, SIMULATOR: 'false' });
    sys = await startSystem({ config, plant: loadPlantFile(config.PLANT_FILE), logger: pino({ level: 'silent' }), now: () => Date.now() + offset });

    // 100,000 samples of P-104 (one a second, ~28 h, ending a minute ago), and a day of P-101 at one per 10 s.
    const end = Date.now() - MIN;
    await sys.telemetryStore.write(seedPoints('P-104', 100_000, 1000, end, 4 * 3600));
    await sys.telemetryStore.write(seedPoints('P-101', 8640, 10_000, end, 360));

    for (const [role, name] of [['engineer', 'Jonas Berg'], ['technician', 'Maria Weber'], ['planner', 'Ana Costa']] as const) {
      tokens[role] = sys.services.tokens.create({ name, role: role === 'engineer' ? 'reliability-engineer' : role, createdBy: 'test' }).token;
    }

    // First (before any order is open on these pumps, so nothing dedupes): orders the detector raised from
    // the pump vibration rule, one confirmed, one no fault found (precision 50 %).
    const raised = async (deviceId: string, daysAgo: number, outcome: Record<string, unknown>) => {
      offset = -daysAgo * 24 * HOUR;
      const at = Date.now() + offset;
      const result = sys.services.workOrders.handleAnomalyEvent({
        type: 'raised', deviceId, metric: 'vibration', ruleId: RULE, ruleVersion: 1, failureMode: 'vibration-high', severity: 'warn',
        ts: at, startedAt: at - 5 * MIN, value: 3.1, limit: 2.8, recent: [[at - MIN, 2.9], [at, 3.1]],
      });
      const id = result!.workOrder!.id;
      for (const [afterMin, to] of [[20, 'acknowledged'], [30, 'in-progress'], [80, 'resolved']] as const) {
        offset += afterMin * MIN;
        await api('POST', `/api/work-orders/${id}/transition`, { to, ...(to === 'resolved' ? { outcome } : {}) }, tokens.planner);
      }
    };
    await raised('P-104', 12, { kind: 'confirmed', failureMode: 'vibration-high', cause: 'Bearing outer race spalling', action: 'Replaced bearing', labourMinutes: 120 });
    await raised('P-101', 7, { kind: 'no-fault-found', note: 'Cavitation during a valve change, not a bearing' });
    // Orders worked on a fake clock over the last days: two closed with outcomes, one in progress, two open.
    const work = async (deviceId: string, title: string, daysAgo: number, steps: Array<[number, string, Record<string, unknown>?]>) => {
      offset = -daysAgo * 24 * HOUR;
      const wo = await api<WorkOrderView>('POST', '/api/work-orders', { type: 'corrective', deviceId, title, severity: 'alarm', failureMode: 'vibration-high' });
      for (const [afterMin, to, extra] of steps) {
        offset += afterMin * MIN;
        await api('POST', `/api/work-orders/${wo.id}/transition`, { to, ...extra }, tokens.planner);
      }
      return wo;
    };
    const confirmed = { kind: 'confirmed', failureMode: 'vibration-high', cause: 'Worn drive-end bearing', action: 'Replaced bearing 6309', labourMinutes: 95 };
    await work('P-104', 'Bearing noise at drive end', 9, [[14, 'acknowledged'], [40, 'in-progress'], [150, 'resolved', { outcome: confirmed }], [60, 'closed']]);
    await work('P-101', 'Vibration above alarm after restart', 5, [[32, 'acknowledged'], [20, 'in-progress'], [95, 'resolved', { outcome: { kind: 'no-fault-found', note: 'Loose sensor mount, re-tightened' } }], [30, 'closed']]);
    await work('C-201', 'Compressor outlet temperature creeping up', 2, [[8, 'acknowledged'], [25, 'in-progress']]);
    await work('P-104', 'Seal weeping, check at next stop', 1, []);
    offset = 0;
    await api('POST', '/api/work-orders', { type: 'inspection', deviceId: 'P-101', title: 'Check coupling alignment', severity: 'warn' });

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the rules by equipment class with precision', async () => {
    await signIn(tokens.engineer, '/rules');
    await page.locator('[data-testid="rule-row"]').first().waitFor();
    const rules = await api<Array<{ id: string }>>('GET', '/api/rules');
    expect(await page.locator('[data-testid="rule-row"]').count()).toBe(rules.length);
    expect(await page.locator('[data-testid="rule-group"]').count()).toBeGreaterThan(1);
    expect(await page.locator(`[data-testid="rule-row"][data-rule-id="${RULE}"] [data-testid="rule-precision"]`).textContent()).toMatch(/^50 %1 confirmed · 1 no fault/);
    await expect.poll(() => page.locator('[data-testid="nav-rules"]').getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: shot('rules'), fullPage: true });
  });

  it('tunes the pump vibration rule: backtest overlays current and candidate alerts as the API counts them', async () => {
    await page.locator(`[data-testid="rule-row"][data-rule-id="${RULE}"] a`).click();
    await page.locator('[data-testid="rule-form"]').waitFor();
    expect(await page.locator('[data-testid="rule-kind"]').textContent()).toBe('threshold');
    // Devices the rule applies to, all ticked; keep the two with history.
    const boxes = page.locator('[data-testid^="backtest-device-"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    for (const box of await boxes.all()) {
      const id = (await box.getAttribute('value'))!;
      if (id !== 'P-104' && id !== 'P-101') await box.uncheck();
    }
    await page.locator('[data-testid="rule-field-warn"]').fill('2.5');

    let sent: Request | null = null;
    page.on('request', (r) => r.url().endsWith('/api/backtests') && (sent = r));
    // Hold the request a moment so the progress state is there to see.
    await page.route('**/api/backtests', async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    await page.locator('[data-testid="run-backtest"]').click();
    await page.locator('[data-testid="backtest-running"]').waitFor();
    expect(await page.locator('[data-testid="run-backtest"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="backtest-results"]').waitFor({ timeout: 60_000 });
    await page.unroute('**/api/backtests');
    expect(sent).not.toBeNull();
    const body = JSON.parse(sent!.postData()!) as { deviceIds: string[]; from: number; to: number; changes: Array<{ id: string; warn: number }> };
    expect(body.deviceIds.sort()).toEqual(['P-101', 'P-104']);
    expect(body.to - body.from).toBe(24 * HOUR);
    expect(body.changes).toMatchObject([{ id: RULE, warn: 2.5 }]);

    // The same request through the API: the page shows its counts.
    const result = await api<BacktestResultView>('POST', '/api/backtests', body, tokens.engineer);
    expect(result.candidate.summary.anomalies).toBeGreaterThan(result.current.summary.anomalies);
    expect(result.current.summary.anomalies).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="summary-current-alerts"]').textContent()).toBe(String(result.current.summary.anomalies));
    expect(await page.locator('[data-testid="summary-candidate-alerts"]').textContent()).toBe(String(result.candidate.summary.anomalies));
    expect(await page.locator('[data-testid="summary-current-orders"]').textContent()).toBe(String(result.current.summary.orders));
    expect(await page.locator('[data-testid="summary-candidate-orders"]').textContent()).toBe(String(result.candidate.summary.orders));
    for (const deviceId of ['P-104', 'P-101']) {
      const panel = page.locator(`[data-testid="backtest-device"][data-device-id="${deviceId}"]`);
      const count = (set: BacktestResultView['current']) => set.anomalies.filter((a) => a.deviceId === deviceId && a.metric === 'vibration').length;
      expect(Number(await panel.getAttribute('data-current-alerts'))).toBe(count(result.current));
      expect(Number(await panel.getAttribute('data-candidate-alerts'))).toBe(count(result.candidate));
      expect(Number(await panel.locator('.time-chart').getAttribute('data-point-count'))).toBeGreaterThan(1000);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('rule-tuning'), fullPage: true });
  }, 120_000);

  it('puts the API’s field errors on the field, refuses a save over someone else’s, then saves with a reason', async () => {
    await page.locator('[data-testid="rule-field-alarm"]').fill('2.0');
    await page.locator('[data-testid="run-backtest"]').click();
    const problem = page.locator('[data-testid="rule-problem-alarm"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/alarm must be above warn/);

    await page.locator('[data-testid="rule-field-alarm"]').fill('4.5');
    // Someone else saves first.
    const before = await api<{ version: number }>('GET', `/api/rules/${RULE}`);
    await api('PUT', `/api/rules/${RULE}`, { minDurationMs: 240_000, reason: 'Faster detection on pumps', expectedVersion: before.version });
    await page.locator('[data-testid="rule-reason"]').fill('Excursions to 2.6 mm/s preceded the last two bearing failures');
    await page.locator('[data-testid="rule-save"]').click();
    const message = page.locator('[data-testid="rule-save-message"]');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('conflict');
    expect(await message.textContent()).toContain('Someone else saved this rule');
    await page.screenshot({ path: shot('rule-conflict'), fullPage: false });
    expect((await api<{ warn: number; version: number }>('GET', `/api/rules/${RULE}`)).warn).toBe(2.8);

    await page.locator('[data-testid="rule-reload"]').click();
    await page.locator('[data-testid="rule-field-warn"]').waitFor();
    expect(await page.locator('[data-testid="rule-field-minDurationMs"]').inputValue()).toBe('240');
    await page.locator('[data-testid="rule-field-warn"]').fill('2.5');
    await page.locator('[data-testid="rule-reason"]').fill('Excursions to 2.6 mm/s preceded the last two bearing failures');
    await page.locator('[data-testid="rule-save"]').click();
    await expect.poll(() => message.getAttribute('data-kind')).toBe('ok');
    const saved = await api<{ warn: number; version: number; updatedBy: string }>('GET', `/api/rules/${RULE}`);
    expect(saved).toMatchObject({ warn: 2.5, version: before.version + 2, updatedBy: 'Jonas Berg' });
    expect(await page.locator('[data-testid="rule-version"]').textContent()).toBe(`version ${saved.version}`);
  }, 60_000);

  it('shows the rule read-only to a technician', async () => {
    await signIn(tokens.technician, `/rules/${RULE}`);
    await page.locator('[data-testid="rule-form"]').waitFor();
    expect(await page.locator('[data-testid="rule-field-warn"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="run-backtest"]').count()).toBe(0);
    expect(await page.locator('[data-testid="rule-save"]').count()).toBe(0);
    await page.screenshot({ path: shot('rule-read-only') });
  });

  it('shows the KPIs the API computes, with the backlog trend and a CSV download', async () => {
    await signIn(tokens.planner, '/kpis');
    await page.locator('[data-testid="kpi-tiles"]').waitFor();
    const kpis = await api<KpiView>('GET', '/api/kpis');
    for (const tile of kpiTiles(kpis)) {
      expect(await page.locator(`[data-testid="kpi-tile-${tile.key}"] [data-testid="kpi-value"]`).textContent()).toBe(tile.value);
    }
    expect(kpis.mttr.count).toBe(4);
    expect(kpis.backlog.open).toBe(3);
    expect(kpis.rulePrecision.find((r) => r.ruleId === RULE)).toMatchObject({ confirmed: 1, noFaultFound: 1, precision: 0.5 });
    expect(await page.locator(`[data-testid="kpi-precision"] tr[data-rule-id="${RULE}"] td`).nth(1).textContent()).toBe('50.0 %');
    expect(Number(await page.locator('[data-testid="kpi-backlog-chart"]').getAttribute('data-point-count'))).toBe(kpis.backlog.trend.length);
    await settled();
    await page.screenshot({ path: shot('kpis'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="kpi-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^kpis_.*\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8').split(/\r?\n/)[0]).toBe('metric,scope,value,unit');

    // A device with no orders in the last week: the empty state.
    await page.goto(`${sys.httpUrl}/#/kpis?deviceId=M-B2&period=7d`);
    await page.locator('[data-testid="view-kpis"] [data-testid="empty-state"]').waitFor();
  });

  it('says so when the API is down, and recovers on retry', async () => {
    await page.route('**/api/kpis?*', (route) => route.abort('connectionrefused'));
    await page.goto(`${sys.httpUrl}/#/kpis?period=90d`);
    const error = page.locator('[data-testid="view-kpis"] [data-testid="error-state"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Cannot reach the server');
    await page.screenshot({ path: shot('kpis-error') });
    await page.unroute('**/api/kpis?*');
    await error.locator('button').click();
    await page.locator('[data-testid="kpi-tiles"]').waitFor();

    // The other views: their data request fails, the view says so and offers a retry that works.
    const views: Array<[string, string, string]> = [
      ['/', '**/api/work-orders?*', '[data-testid="wo-row"]'],
      ['/devices', '**/api/devices', '[data-testid="device-row"]'],
      ['/rules', '**/api/rules', '[data-testid="rule-row"]'],
      ['/dead-letters', '**/api/dead-letters?*', '[data-testid="view-dead-letters"] [data-testid="empty-state"]'],
      ['/map', '**/api/lines/states', '[data-testid="line-tile"]'],
      [`/rules/${RULE}`, `**/api/rules/${RULE}`, '[data-testid="rule-form"]'],
      ['/devices/P-104', '**/api/devices/P-104', '[data-testid="device-header"]'],
    ];
    for (const [path, glob, ready] of views) {
      await page.route(glob, (route) => route.abort('connectionrefused'));
      await page.goto(`${sys.httpUrl}/#${path}`);
      const err = page.locator('[data-testid="error-state"]').first();
      await err.waitFor();
      expect(await err.textContent(), path).toContain('Cannot reach the server');
      await page.unroute(glob);
      await err.locator('button').click();
      await page.locator(ready).first().waitFor();
    }
  }, 60_000);

  it('draws 100,000 samples of history with limits, and zooms and pans smoothly', async () => {
    await page.goto(`${sys.httpUrl}/#/devices/P-104`);
    await page.locator('[data-testid="history-range"]').waitFor();
    await page.locator('[data-testid="history-week"]').check({ force: true });
    const history = page.locator('[data-testid="device-history"]');
    await expect.poll(() => history.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(Number(await history.getAttribute('data-point-count'))).toBe(100_000);
    for (const metric of ['temperature', 'vibration', 'current']) {
      expect(Number(await page.locator(`[data-testid="history-chart-${metric}"]`).getAttribute('data-point-count'))).toBeGreaterThanOrEqual(100_000);
    }
    // The limits drawn are the threshold rule's levels (as saved above), not other rule kinds' numbers.
    expect(await page.locator('[data-testid="history-panel"][data-metric="vibration"] [data-role="limits"]').textContent()).toBe('warn ≥ 2.5 mm/s · alarm ≥ 4.5 mm/s');
    const renderMs = Number(await history.getAttribute('data-render-ms'));

    // Zoom by dragging across the vibration chart, pan with the arrows, fit again: time from input to the next painted frame.
    const frames = await page.evaluate(async () => {
      const over = document.querySelector('[data-testid="history-chart-vibration"] .u-over') as HTMLElement;
      const r = over.getBoundingClientRect();
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const mouse = (type: string, x: number) => over.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: r.left + x, clientY: r.top + r.height / 2, button: 0 }));
      const times: Record<string, number[]> = { zoom: [], pan: [], fit: [] };
      for (const [a, b] of [[0.2, 0.8], [0.3, 0.7], [0.25, 0.5]]) {
        const t0 = performance.now();
        mouse('mousedown', r.width * a!);
        mouse('mousemove', r.width * b!);
        window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: r.left + r.width * b!, clientY: r.top + r.height / 2 }));
        await frame();
        times.zoom!.push(performance.now() - t0);
      }
      for (const id of ['history-pan-left', 'history-pan-left', 'history-pan-right', 'history-pan-right']) {
        const t0 = performance.now();
        (document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).click();
        await frame();
        times.pan!.push(performance.now() - t0);
      }
      const t0 = performance.now();
      (document.querySelector('[data-testid="history-fit"]') as HTMLButtonElement).click();
      await frame();
      times.fit!.push(performance.now() - t0);
      return times;
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `device history, 100,000 samples x 3 metrics: first render ${renderMs.toFixed(0)} ms; ` +
        `zoom ${frames.zoom!.map((t) => t.toFixed(0)).join('/')} ms (mean ${mean(frames.zoom!).toFixed(1)}); ` +
        `pan ${frames.pan!.map((t) => t.toFixed(0)).join('/')} ms (mean ${mean(frames.pan!).toFixed(1)}); fit ${frames.fit![0]!.toFixed(0)} ms per frame`,
    );
    // Generous bounds: a regression to seconds per frame fails, machine noise does not.
    expect(renderMs).toBeLessThan(5000);
    expect(Math.max(...frames.zoom!, ...frames.pan!, ...frames.fit!)).toBeLessThan(1500);
    await page.locator('[data-testid="history-week"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('device-history'), fullPage: true });
  }, 90_000);

  it('shows a range with more samples than one answer holds as min/max per slice over the whole range', async () => {
    // 150,000 samples (~42 h at 1 Hz) with one spike near the end, past the first 100,000.
    const end = Date.now() - MIN;
    const points = seedPoints('GB-C3', 150_000, 1000, end, 1e9);
    points[140_000]!.vibration = 9.5;
    await sys.telemetryStore.write(points);
    await page.goto(`${sys.httpUrl}/#/devices/GB-C3`);
    await page.locator('[data-testid="history-range"]').waitFor();
    await page.locator('[data-testid="history-week"]').check({ force: true });
    const history = page.locator('[data-testid="device-history"]');
    await expect.poll(() => history.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(await history.getAttribute('data-downsampled')).toBe('true');
    const note = (await page.locator('[data-testid="history-note"]').textContent()) ?? '';
    expect(note).toMatch(/^150,000 samples, shown as the lowest and highest value of each .* Pick a shorter range to see every sample\.$/);
    // The spike past the first 100,000 samples is on the chart: the envelope's highest vibration is the spike.
    const week = await api<{ downsampled: { buckets: Array<{ max: { vibration: number } }> } }>('GET', `/api/devices/GB-C3/telemetry?from=${end - 7 * 86_400_000}&to=${end}&maxPoints=4000`);
    expect(Math.max(...week.downsampled.buckets.map((b) => b.max.vibration))).toBe(9.5);
    const drawn = Number(await history.getAttribute('data-point-count'));
    expect(drawn % 2).toBe(0);
    // 42 h of data in a week of 4,000 slices (151 s each): about 1,000 slices hold samples, two points each.
    expect(drawn).toBeGreaterThan(1900);
    expect(drawn).toBeLessThanOrEqual(2 * 1001);
    await page.screenshot({ path: shot('device-history-envelope'), fullPage: true });
  }, 90_000);

  it('opens the other main views with their data', async () => {
    const views: Array<[string, string, string]> = [
      ['queue', '/', '[data-testid="wo-row"]'],
      ['new-order', '/work-orders/new', '[data-testid="new-order-device"]'],
      ['devices', '/devices', '[data-testid="device-row"]'],
      ['dead-letters', '/dead-letters', '[data-testid="view-dead-letters"] [data-testid="empty-state"]'],
      ['map', '/map', '[data-testid="line-tile"]'],
    ];
    for (const [name, path, ready] of views) {
      await page.goto(`${sys.httpUrl}/#${path}`);
      await page.locator(ready).first().waitFor();
      await settled();
      await page.screenshot({ path: shot(name), fullPage: true });
    }
    expect(await page.locator('[data-testid="line-tile"]').count()).toBe(5);

    // The device page lists its maintenance plans as the API states them.
    const [plan] = (await api<{ items: MaintenancePlanView[] }>('GET', '/api/maintenance-plans?deviceId=C-201')).items;
    await page.goto(`${sys.httpUrl}/#/devices/C-201`);
    const planItem = page.locator('[data-testid="device-plan"]');
    await planItem.first().waitFor();
    await settled();
    expect(await planItem.count()).toBe(1);
    expect(await planItem.first().getAttribute('data-id')).toBe(plan!.id);
    expect(await planItem.first().textContent()).toContain('Compressor 2,000 h service · Every 2,000 running hours');
    expect(await page.locator('[data-testid="device-plan-standing"]').textContent()).toBe(
      `Due at ${plan!.next!.dueRunningHours!.toLocaleString('en')} h · ${Math.round(plan!.next!.runningHoursLeft!).toLocaleString('en')} h to go`,
    );
    await page.screenshot({ path: shot('device-plans'), fullPage: true });

    await page.goto(`${sys.httpUrl}/#/`);
    await page.locator('[data-testid="wo-row"]').first().click();
    await page.locator('[data-testid="view-work-order"]').waitFor();
    await settled();
    await page.screenshot({ path: shot('detail'), fullPage: true });
  });

  it('fits a phone (375 × 812): queue, order detail and device without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto(`${sys.httpUrl}/#token=${tokens.technician}`);
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await p.locator('[data-testid="wo-row"]').first().waitFor();
    await p.waitForTimeout(300);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shot('phone-queue') });
    await p.locator('[data-testid="wo-row"]').first().click();
    await p.locator('[data-testid="view-work-order"]').waitFor();
    await p.waitForTimeout(500);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shot('phone-detail'), fullPage: true });
    await p.goto(`${sys.httpUrl}/#/devices/P-104`);
    await p.locator('[data-testid="device-chart-vibration"] canvas').waitFor();
    await p.waitForTimeout(500);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shot('phone-device'), fullPage: true });
    await p.goto(`${sys.httpUrl}/#/kpis`);
    await p.locator('[data-testid="kpi-tiles"]').waitFor();
    await p.waitForTimeout(300);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shot('phone-kpis'), fullPage: true });
    await phone.close();
  }, 60_000);
});
