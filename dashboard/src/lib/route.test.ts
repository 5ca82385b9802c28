import { describe, expect, it } from 'vitest';
import { href, parseRoute, routeKey, sectionOf } from './route';

const queue = (filter = 'active', priorities: string[] = []) => ({ name: 'work-orders', filter, priorities });

describe('parseRoute', () => {
  it('defaults to the active work-order queue', () => {
    expect(parseRoute('')).toEqual(queue());
    expect(parseRoute('#')).toEqual(queue());
    expect(parseRoute('#/')).toEqual(queue());
    expect(parseRoute('#/work-orders')).toEqual(queue());
  });
  it('reads the status filter', () => {
    expect(parseRoute('#/?status=all')).toEqual(queue('all'));
    expect(parseRoute('#/?status=on-hold')).toEqual(queue('on-hold'));
    expect(parseRoute('#/?status=bogus')).toEqual(queue());
  });
  it('reads the priority filter', () => {
    expect(parseRoute('#/?priority=P1,P0')).toEqual(queue('active', ['P0', 'P1']));
    expect(parseRoute('#/?status=all&priority=P9')).toEqual(queue('all'));
  });
  it('parses a work order id and the new-order form', () => {
    expect(parseRoute('#/work-orders/42')).toEqual({ name: 'work-order', id: 42 });
    expect(parseRoute('#/work-orders/42/')).toEqual({ name: 'work-order', id: 42 });
    expect(parseRoute('#/work-orders/0').name).toBe('not-found');
    expect(parseRoute('#/work-orders/abc').name).toBe('not-found');
    expect(parseRoute('#/work-orders/4/x').name).toBe('not-found');
    expect(parseRoute('#/work-orders/new')).toEqual({ name: 'new-work-order', deviceId: null });
    expect(parseRoute('#/work-orders/new?deviceId=P-104')).toEqual({ name: 'new-work-order', deviceId: 'P-104' });
  });
  it('parses the map, its kiosk variant and the open line', () => {
    expect(parseRoute('#/map')).toEqual({ name: 'map', kiosk: false, lineId: null, order: 'line' });
    expect(parseRoute('#/map?kiosk=1')).toEqual({ name: 'map', kiosk: true, lineId: null, order: 'line' });
    expect(parseRoute('#/map?kiosk')).toMatchObject({ kiosk: true });
    expect(parseRoute('#/map?kiosk=0')).toMatchObject({ kiosk: false });
    expect(parseRoute('#/map?line=assembly&order=state')).toEqual({ name: 'map', kiosk: false, lineId: 'assembly', order: 'state' });
  });
  it('parses devices and decodes ids', () => {
    expect(parseRoute('#/devices')).toEqual({ name: 'devices' });
    expect(parseRoute('#/devices/P-104')).toEqual({ name: 'device', id: 'P-104' });
    expect(parseRoute('#/devices/a%2Eb')).toEqual({ name: 'device', id: 'a.b' });
    expect(parseRoute('#/devices/%E0%A4%A').name).toBe('not-found');
  });
  it('parses dead letters and rejects unknown paths', () => {
    expect(parseRoute('#/dead-letters')).toEqual({ name: 'dead-letters' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
  });
  it('parses rules, one rule, and KPIs with their filters', () => {
    expect(parseRoute('#/rules')).toEqual({ name: 'rules' });
    expect(parseRoute('#/rules/pump.vibration')).toEqual({ name: 'rule', id: 'pump.vibration' });
    expect(parseRoute('#/rules/a/b').name).toBe('not-found');
    expect(parseRoute('#/kpis')).toEqual({ name: 'kpis', filter: { siteId: null, lineId: null, deviceId: null, period: '30d' } });
    expect(parseRoute('#/kpis?lineId=utilities&period=7d&siteId=%20')).toEqual({
      name: 'kpis',
      filter: { siteId: null, lineId: 'utilities', deviceId: null, period: '7d' },
    });
    expect(parseRoute('#/kpis?period=1y')).toMatchObject({ filter: { period: '30d' } });
  });
});

describe('href', () => {
  it('round-trips through parseRoute', () => {
    expect(parseRoute(href.workOrders())).toEqual(queue());
    expect(href.workOrders()).toBe('#/');
    expect(parseRoute(href.workOrders('in-progress'))).toEqual(queue('in-progress'));
    expect(href.workOrders('all', ['P0', 'P1'])).toBe('#/?status=all&priority=P0,P1');
    expect(parseRoute(href.workOrders('all', ['P0', 'P1']))).toEqual(queue('all', ['P0', 'P1']));
    expect(parseRoute(href.workOrder(7))).toEqual({ name: 'work-order', id: 7 });
    expect(parseRoute(href.newWorkOrder('P 1'))).toEqual({ name: 'new-work-order', deviceId: 'P 1' });
    expect(href.newWorkOrder()).toBe('#/work-orders/new');
    expect(parseRoute(href.map({ kiosk: true, lineId: 'a b', order: 'state' }))).toEqual({ name: 'map', kiosk: true, lineId: 'a b', order: 'state' });
    expect(href.map()).toBe('#/map');
    expect(parseRoute(href.device('line-A/pump 1'))).toEqual({ name: 'device', id: 'line-A/pump 1' });
    expect(parseRoute(href.devices())).toEqual({ name: 'devices' });
    expect(parseRoute(href.deadLetters())).toEqual({ name: 'dead-letters' });
    expect(parseRoute(href.rules())).toEqual({ name: 'rules' });
    expect(parseRoute(href.rule('device.P 1.current'))).toEqual({ name: 'rule', id: 'device.P 1.current' });
    expect(href.kpis()).toBe('#/kpis');
    expect(parseRoute(href.kpis({ deviceId: 'P-104', period: '90d' }))).toEqual({
      name: 'kpis',
      filter: { siteId: null, lineId: null, deviceId: 'P-104', period: '90d' },
    });
  });
});

describe('sectionOf / routeKey', () => {
  it('maps routes to nav sections', () => {
    expect(sectionOf({ name: 'work-order', id: 1 })).toBe('work-orders');
    expect(sectionOf({ name: 'new-work-order', deviceId: null })).toBe('work-orders');
    expect(sectionOf({ name: 'map', kiosk: false, lineId: null, order: 'line' })).toBe('map');
    expect(sectionOf({ name: 'device', id: 'x' })).toBe('devices');
    expect(sectionOf({ name: 'rule', id: 'x' })).toBe('rules');
    expect(sectionOf(parseRoute('#/kpis'))).toBe('kpis');
    expect(sectionOf({ name: 'not-found', path: '/x' })).toBeNull();
  });
  it('gives different keys to different data', () => {
    expect(routeKey(parseRoute('#/?status=all'))).not.toBe(routeKey(parseRoute('#/')));
    expect(routeKey(parseRoute('#/?priority=P0'))).not.toBe(routeKey(parseRoute('#/')));
    expect(routeKey({ name: 'device', id: 'a' })).toBe('device:a');
    expect(routeKey(parseRoute('#/kpis?period=7d'))).not.toBe(routeKey(parseRoute('#/kpis')));
    expect(routeKey({ name: 'rule', id: 'a' })).not.toBe(routeKey({ name: 'rule', id: 'b' }));
  });
  it('keeps one map view while the open line or order changes, another for the kiosk', () => {
    expect(routeKey(parseRoute('#/map?line=a'))).toBe(routeKey(parseRoute('#/map?order=state')));
    expect(routeKey(parseRoute('#/map?kiosk=1'))).not.toBe(routeKey(parseRoute('#/map')));
  });
});
