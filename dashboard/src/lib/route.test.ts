import { describe, expect, it } from 'vitest';
import { href, parseRoute, routeKey, sectionOf } from './route';

describe('parseRoute', () => {
  it('defaults to the active work-order queue', () => {
    expect(parseRoute('')).toEqual({ name: 'work-orders', filter: 'active' });
    expect(parseRoute('#')).toEqual({ name: 'work-orders', filter: 'active' });
    expect(parseRoute('#/')).toEqual({ name: 'work-orders', filter: 'active' });
    expect(parseRoute('#/work-orders')).toEqual({ name: 'work-orders', filter: 'active' });
  });
  it('reads the status filter', () => {
    expect(parseRoute('#/?status=all')).toEqual({ name: 'work-orders', filter: 'all' });
    expect(parseRoute('#/?status=on-hold')).toEqual({ name: 'work-orders', filter: 'on-hold' });
    expect(parseRoute('#/?status=bogus')).toEqual({ name: 'work-orders', filter: 'active' });
  });
  it('parses a work order id', () => {
    expect(parseRoute('#/work-orders/42')).toEqual({ name: 'work-order', id: 42 });
    expect(parseRoute('#/work-orders/42/')).toEqual({ name: 'work-order', id: 42 });
    expect(parseRoute('#/work-orders/0').name).toBe('not-found');
    expect(parseRoute('#/work-orders/abc').name).toBe('not-found');
    expect(parseRoute('#/work-orders/4/x').name).toBe('not-found');
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
});

describe('href', () => {
  it('round-trips through parseRoute', () => {
    expect(parseRoute(href.workOrders())).toEqual({ name: 'work-orders', filter: 'active' });
    expect(parseRoute(href.workOrders('in-progress'))).toEqual({ name: 'work-orders', filter: 'in-progress' });
    expect(parseRoute(href.workOrder(7))).toEqual({ name: 'work-order', id: 7 });
    expect(parseRoute(href.device('line-A/pump 1'))).toEqual({ name: 'device', id: 'line-A/pump 1' });
    expect(parseRoute(href.devices())).toEqual({ name: 'devices' });
    expect(parseRoute(href.deadLetters())).toEqual({ name: 'dead-letters' });
  });
});

describe('sectionOf / routeKey', () => {
  it('maps routes to nav sections', () => {
    expect(sectionOf({ name: 'work-order', id: 1 })).toBe('work-orders');
    expect(sectionOf({ name: 'device', id: 'x' })).toBe('devices');
    expect(sectionOf({ name: 'not-found', path: '/x' })).toBeNull();
  });
  it('gives different keys to different data', () => {
    expect(routeKey({ name: 'work-orders', filter: 'all' })).not.toBe(routeKey({ name: 'work-orders', filter: 'active' }));
    expect(routeKey({ name: 'device', id: 'a' })).toBe('device:a');
  });
});
