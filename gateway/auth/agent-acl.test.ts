import { describe, expect, it } from 'vitest';
import { topics } from '../../contract/topics';
import { buildAgentAcl } from './agent-acl';

const acl = buildAgentAcl([
  { agentId: 'edge-a', siteId: 's1', devices: [{ id: 'P-1', lineId: 'l1' }, { id: 'P-2', lineId: 'l1' }] },
  { agentId: 'edge-b', siteId: 's1', devices: [{ id: 'M-1', lineId: 'l2' }] },
]);

describe('agent access list from the plant file', () => {
  it('lets an agent publish telemetry of its own devices and its own status only', () => {
    expect(acl.canPublish('edge-a', topics.telemetry('s1', 'l1', 'P-1'))).toBe(true);
    expect(acl.canPublish('edge-a', topics.telemetry('s1', 'l1', 'P-2'))).toBe(true);
    expect(acl.canPublish('edge-a', topics.status('s1', 'edge-a'))).toBe(true);
    // another agent's device, its status, a device moved to a wrong line or site, commands
    expect(acl.canPublish('edge-a', topics.telemetry('s1', 'l2', 'M-1'))).toBe(false);
    expect(acl.canPublish('edge-a', topics.status('s1', 'edge-b'))).toBe(false);
    expect(acl.canPublish('edge-a', topics.telemetry('s1', 'l2', 'P-1'))).toBe(false);
    expect(acl.canPublish('edge-a', topics.telemetry('s2', 'l1', 'P-1'))).toBe(false);
    expect(acl.canPublish('edge-a', topics.command('s1', 'edge-a'))).toBe(false);
    expect(acl.canPublish('edge-a', 'pdm/v1/s1/l1/P-1/telemetry/extra')).toBe(false);
    expect(acl.canPublish('edge-z', topics.telemetry('s1', 'l1', 'P-1'))).toBe(false);
  });

  it('lets an agent subscribe to its own command topic only, without wildcards', () => {
    expect(acl.canSubscribe('edge-a', topics.command('s1', 'edge-a'))).toBe(true);
    expect(acl.canSubscribe('edge-a', topics.command('s1', 'edge-b'))).toBe(false);
    expect(acl.canSubscribe('edge-a', 'pdm/v1/s1/agent/+/command')).toBe(false);
    expect(acl.canSubscribe('edge-a', '#')).toBe(false);
    expect(acl.canSubscribe('edge-a', topics.telemetry('s1', 'l1', 'P-1'))).toBe(false);
  });

  it('knows the plant agents and their status topics', () => {
    expect(acl.knows('edge-b')).toBe(true);
    expect(acl.knows('edge-z')).toBe(false);
    expect(acl.statusTopic('edge-b')).toBe('pdm/v1/s1/agent/edge-b/status');
  });
});
