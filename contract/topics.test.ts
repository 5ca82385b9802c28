import { describe, expect, it } from 'vitest';
import { parseTopic, TopicError, topics } from './topics';

describe('topics', () => {
  it('round-trips telemetry, status and command topics', () => {
    expect(parseTopic(topics.telemetry('plant-1', 'line-a', 'P-104'))).toEqual({ kind: 'telemetry', site: 'plant-1', line: 'line-a', device: 'P-104' });
    expect(parseTopic(topics.status('plant-1', 'edge-1'))).toEqual({ kind: 'status', site: 'plant-1', agentId: 'edge-1' });
    expect(parseTopic(topics.command('plant-1', 'edge-1'))).toEqual({ kind: 'command', site: 'plant-1', agentId: 'edge-1' });
  });

  it.each([
    ['pdm/v1/plant-1/line-a/P-104', 'expected 6 segments'],
    ['other/v1/plant-1/line-a/P-104/telemetry', 'must start with'],
    ['pdm/v2/plant-1/line-a/P-104/telemetry', 'unsupported contract version'],
    ['pdm/v1/plant-1/line-a/P-104/metrics', 'unknown message kind'],
    ['pdm/v1/plant-1//P-104/telemetry', 'not a valid id'],
    ['pdm/v1/plant-1/line-a/P-104/status', 'unknown message kind'],
  ])('rejects %s', (topic, reason) => {
    const parsed = parseTopic(topic);
    expect(parsed).toBeInstanceOf(TopicError);
    expect((parsed as TopicError).message).toContain(reason);
  });

  it('refuses to build topics from ids with wildcards or separators', () => {
    expect(() => topics.telemetry('plant-1', 'line/a', 'P-104')).toThrow(TopicError);
    expect(() => topics.telemetry('plant-1', 'line-a', '#')).toThrow(TopicError);
    expect(() => topics.status('+', 'edge')).toThrow(TopicError);
  });

  it('subscription filters match what the builders produce', () => {
    expect(topics.allTelemetry).toBe('pdm/v1/+/+/+/telemetry');
    expect(topics.allStatus).toBe('pdm/v1/+/agent/+/status');
  });
});
