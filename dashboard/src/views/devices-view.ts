/** `#/devices` — every device grouped by production line, with liveness and open work. */
import type { DeviceView, LineView } from '../../../server/http/api-types';
import { describeError, isAbort, listDevices } from '../api-client';
import { groupDevicesByLine, summarizeFleet } from '../lib/device-grouping';
import { href } from '../lib/route';
import { throttle } from '../lib/throttle';
import { classLabel, countPill, criticalityBadge, livenessBadge } from '../ui/badges';
import { h, replaceChildren, svg } from '../ui/dom';
import { icons } from '../ui/icons';
import { timeAgo } from '../ui/relative-time';
import { kpi } from '../ui/kpi';
import { emptyState, errorState, loadingState } from '../ui/states';
import { Disposer, type View, type ViewContext } from './view';

export function devicesView(ctx: ViewContext): View {
  const d = new Disposer();
  ctx.setTitle('Devices');

  const summary = h('div', { class: 'kpis', 'data-testid': 'fleet-summary' });
  const content = h('div', { class: 'line-groups' }, loadingState('Loading devices…'));
  const el = h(
    'section',
    { class: 'page', 'data-testid': 'view-devices' },
    h(
      'header',
      { class: 'page-header' },
      h('div', null, h('h1', { text: 'Devices' }), h('p', { class: 'page-sub', text: 'Monitored equipment by production line. Liveness comes from the last sample received.' })),
      summary,
    ),
    content,
  );

  let devices: DeviceView[] = [];

  const load = async (spinner: boolean) => {
    if (spinner) replaceChildren(content, loadingState('Loading devices…'));
    const signal = d.nextSignal();
    try {
      const [list, lines] = await Promise.all([listDevices(signal), ctx.catalog.loadLines()]);
      devices = list;
      render(lines);
    } catch (err) {
      if (isAbort(err)) return;
      replaceChildren(content, errorState(describeError(err), () => void load(true)));
    }
  };

  const render = (lines: LineView[]) => {
    const s = summarizeFleet(devices);
    summary.replaceChildren(
      kpi('Online', `${s.byLiveness.online}/${s.total}`, s.byLiveness.online === s.total ? 'kpi-ok' : ''),
      kpi(
        'Stale / offline',
        String(s.byLiveness.stale + s.byLiveness.offline),
        s.byLiveness.offline > 0 ? 'kpi-alarm' : s.byLiveness.stale > 0 ? 'kpi-warn' : '',
      ),
      kpi('With active anomalies', String(s.withAnomalies), s.withAnomalies > 0 ? 'kpi-warn' : '', 'Anomalies'),
    );
    if (devices.length === 0) {
      replaceChildren(content, emptyState('No devices yet', 'Devices come from the plant file; once an edge agent reports, they show up here.', icons.device));
      return;
    }
    replaceChildren(content, ...groupDevicesByLine(devices, lines).map((g) => lineGroup(g.lineId, g.lineName, g.devices)));
  };

  // A sample from a device proves it is online right now. Last seen is wall-clock arrival
  // time, as on the server (sample times may run ahead in a simulated plant).
  d.add(
    ctx.live.on('telemetry', ({ points }) => {
      const seenAt = Date.now();
      for (const p of points ?? []) {
        const row = content.querySelector<HTMLElement>(`[data-device-id="${CSS.escape(p.deviceId)}"]`);
        if (!row) continue;
        row.dataset.lastSeen = String(seenAt);
        if (row.dataset.liveness !== 'online') {
          row.dataset.liveness = 'online';
          row.querySelector('.col-liveness')?.replaceChildren(livenessBadge('online'));
        }
        row.querySelector('.col-seen')?.replaceChildren(timeAgo(seenAt));
      }
    }),
  );
  const reload = throttle(() => void load(false), 3000);
  d.add(() => reload.cancel());
  d.add(ctx.live.on('work-order', () => reload()));
  d.add(ctx.live.on('anomaly', () => reload()));
  d.interval(() => reload(), 30_000);

  void load(true);
  return { el, refresh: () => void load(false), dispose: () => d.dispose() };
}

function lineGroup(lineId: string, name: string, devices: DeviceView[]): HTMLElement {
  const open = devices.reduce((n, x) => n + x.openWorkOrders, 0);
  const anomalies = devices.reduce((n, x) => n + x.activeAnomalies, 0);
  return h(
    'section',
    { class: 'panel line-group', 'data-testid': 'line-group', dataset: { lineId } },
    h(
      'header',
      { class: 'panel-head' },
      svg(icons.line),
      h('h2', { text: name }),
      h('span', { class: 'muted mono small', text: lineId }),
      h(
        'span',
        { class: 'panel-head-aside' },
        h('span', { text: `${devices.length} device${devices.length === 1 ? '' : 's'}` }),
        anomalies ? h('span', { class: 'sev-text-warn', text: ` · ${anomalies} active anomal${anomalies === 1 ? 'y' : 'ies'}` }) : null,
        open ? h('span', { text: ` · ${open} open order${open === 1 ? '' : 's'}` }) : null,
      ),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table device-table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ...['Status', 'Device', 'Class', 'Crit.', 'Last seen', 'Anomalies', 'Open orders'].map((c, i) =>
              h('th', { scope: 'col', class: i >= 5 ? 'num' : undefined, text: c }),
            ),
          ),
        ),
        h('tbody', null, ...devices.map(deviceRow)),
      ),
    ),
  );
}

function deviceRow(x: DeviceView): HTMLElement {
  return h(
    'tr',
    {
      class: `device-row live-${x.liveness}`,
      'data-testid': 'device-row',
      dataset: { deviceId: x.id, lastSeen: x.lastSeenAt ?? 0, liveness: x.liveness },
      on: {
        click: (ev) => {
          if (!(ev.target as HTMLElement).closest('a')) location.hash = href.device(x.id);
        },
      },
    },
    h('td', { class: 'col-liveness', 'data-label': 'Status' }, livenessBadge(x.liveness)),
    h(
      'td',
      { class: 'col-device', 'data-label': 'Device' },
      h('a', { class: 'device-link', href: href.device(x.id), text: x.name }),
      h('span', { class: 'sub mono', text: x.id }),
    ),
    h('td', { class: 'col-class', 'data-label': 'Class', text: classLabel(x.class) }),
    h('td', { class: 'col-crit', 'data-label': 'Criticality' }, criticalityBadge(x.criticality)),
    h('td', { class: 'col-seen', 'data-label': 'Last seen' }, x.lastSeenAt === null ? h('span', { class: 'muted', text: 'never' }) : timeAgo(x.lastSeenAt)),
    h('td', { class: 'num col-anomalies', 'data-label': 'Anomalies' }, countPill(x.activeAnomalies, 'warn', 'Active anomalies')),
    h('td', { class: 'num col-orders', 'data-label': 'Open orders' }, countPill(x.openWorkOrders, 'info', 'Open work orders')),
  );
}

