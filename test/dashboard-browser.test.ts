/**
 * Journey in a real browser (Debian's Chromium, driven by playwright-core):
 * a wall screen shows the line map with a display token; the simulator's
 * bearing fault develops on pump P-104; the order slides into the queue live
 * and the Utilities tile turns degraded within seconds, its chain naming the
 * order; a technician opens it from the queue and acknowledges it; the device
 * page shows the three live charts. Screenshots of each view go to
 * test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../server/http/api-types';
import { launchBrowser, SCREENSHOT_DIR } from './support/browser';
import { startTestSystem, type TestSystem } from './support/system-fixture';

describe('journey: dashboard in a real browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let desk: Page;
  let wall: Page;

  beforeAll(async () => {
    // 300x: the bearing fault (from +2 min) raises its order ~5 s after start.
    sys = await startTestSystem(
      { SIM_SPEED: '300' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 46 }] } },
    );
    browser = await launchBrowser();
    desk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.cleanup();
  });

  it('shows the fault on the wall map and in the queue live; a technician acknowledges it', async () => {
    const tech = sys.services.tokens.create({ name: 'Maria Weber', role: 'technician', createdBy: 'test' }).token;
    const screen = sys.services.tokens.create({ name: 'Utilities screen', role: 'display', createdBy: 'test' }).token;

    // The wall screen boots from one link and needs no interaction after that.
    await wall.goto(`${sys.httpUrl}/#token=${screen}&then=${encodeURIComponent('/map?kiosk=1')}`);
    const tile = wall.locator('[data-testid="line-tile"][data-line-id="utilities"]');
    await tile.waitFor({ timeout: 10_000 });
    expect(await wall.locator('[data-testid="line-tile"]').count()).toBe(5);
    expect(await tile.getAttribute('data-state')).toBe('running');

    await desk.goto(`${sys.httpUrl}/#token=${tech}`);
    await desk.waitForURL((u) => !u.hash.includes('token='));
    await desk.locator('[data-testid="signed-in"][data-role="technician"]').waitFor();
    await desk.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 10_000 });
    const reloads: string[] = [];
    desk.on('framenavigated', (f) => f === desk.mainFrame() && reloads.push(f.url()));

    const row = desk.locator('[data-testid="wo-row"]').first();
    await row.waitFor({ timeout: 30_000 });
    const raisedAt = Date.now();
    expect(reloads).toEqual([]); // it arrived over server-sent events
    const number = (await row.getAttribute('data-number'))!;
    expect(number).toMatch(/^WO-\d{4}-\d{6}$/);
    await expect.poll(() => row.textContent()).toContain('P-104');
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/work-orders.png` });

    // The wall map turned the Utilities tile within seconds of the order.
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 5_000 }).toBe('degraded');
    expect(Date.now() - raisedAt).toBeLessThan(5_000);
    await expect.poll(() => tile.textContent()).toContain(number);
    await wall.screenshot({ path: `${SCREENSHOT_DIR}/map-kiosk.png` });

    // The desk map's chain for the line names the order.
    await desk.goto(`${sys.httpUrl}/#/map?line=utilities`);
    const step = desk.locator('[data-testid="line-chain"] [data-testid="chain-step"][data-kind="work-order"]').first();
    await step.waitFor({ timeout: 10_000 });
    expect(await step.textContent()).toContain(number);
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/map-chain.png` });

    // The technician opens it from the queue and acknowledges it.
    await desk.goto(`${sys.httpUrl}/#/`);
    await desk.locator(`[data-testid="wo-row"][data-number="${number}"]`).click();
    await desk.locator('[data-testid="view-work-order"]').waitFor();
    await desk.locator('[data-testid="evidence-chart"] canvas').first().waitFor();
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/work-order-detail.png` });
    await desk.locator('[data-testid="transition-acknowledged"]').click();
    await desk.locator('[data-testid="view-work-order"][data-status="acknowledged"]').waitFor({ timeout: 10_000 });
    const order = await sys.get<WorkOrderView & { timeline: Array<{ kind: string; actor: string; to: string | null }> }>(`/api/work-orders/${number}`);
    expect(order.status).toBe('acknowledged');
    expect(order.timeline.find((e) => e.kind === 'status' && e.to === 'acknowledged')?.actor).toBe('Maria Weber');

    // A display token can look but not act.
    expect(await wall.locator('[data-testid="transition-acknowledged"]').count()).toBe(0);

    await desk.goto(`${sys.httpUrl}/#/devices/P-104`);
    for (const metric of ['temperature', 'vibration', 'current']) {
      const chart = desk.locator(`[data-testid="device-chart-${metric}"]`);
      await chart.waitFor();
      await expect.poll(async () => Number(await chart.getAttribute('data-point-count')), { timeout: 10_000 }).toBeGreaterThan(10);
    }
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/device.png` });

    await desk.goto(`${sys.httpUrl}/#/devices`);
    await desk.locator('[data-testid="device-row"]').first().waitFor();
    expect(await desk.locator('[data-testid="device-row"]').count()).toBe(13);
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/devices.png` });

    await desk.setViewportSize({ width: 390, height: 844 });
    await desk.goto(`${sys.httpUrl}/#/`);
    await desk.locator('[data-testid="wo-row"]').first().waitFor();
    await desk.waitForTimeout(500);
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/work-orders-phone.png` });
  });
});
