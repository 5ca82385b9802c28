import { describe, expect, it } from 'vitest';
import { errorCode, errorIssues, errorMessage, toList } from './api-response';

describe('toList', () => {
  it('accepts a bare array or a page', () => {
    expect(toList([1, 2])).toEqual({ items: [1, 2], total: 2 });
    expect(toList({ items: [1], total: 40 })).toEqual({ items: [1], total: 40 });
    expect(toList({ items: [1, 2] })).toEqual({ items: [1, 2], total: 2 });
  });
  it('turns anything else into an empty list', () => {
    expect(toList(null)).toEqual({ items: [], total: 0 });
    expect(toList({ data: [] })).toEqual({ items: [], total: 0 });
  });
});

describe('errorMessage', () => {
  it('uses the API error message and issues', () => {
    expect(errorMessage(409, { error: { code: 'illegal-transition', message: 'Cannot go from closed to open' } })).toBe(
      'Cannot go from closed to open',
    );
    expect(
      errorMessage(400, { error: { code: 'validation', message: 'Invalid body', issues: [{ path: 'text', message: 'Required' }] } }),
    ).toBe('Invalid body (text: Required)');
    expect(errorCode({ error: { code: 'x', message: 'y' } })).toBe('x');
    expect(errorCode('nope')).toBeNull();
  });
  it('falls back to short text bodies or the status', () => {
    expect(errorMessage(500, 'database is locked')).toBe('database is locked');
    expect(errorMessage(502, '<html>Bad gateway</html>')).toBe('The server is unreachable (502).');
    expect(errorMessage(418, null)).toBe('Request failed (HTTP 418)');
  });
});

describe('errorIssues', () => {
  it('returns the field errors of an API error, none for anything else', () => {
    expect(errorIssues({ error: { code: 'invalid-body', message: 'bad', issues: [{ path: 'changes.0.alarm', message: 'must be above warn' }] } })).toEqual([
      { path: 'changes.0.alarm', message: 'must be above warn' },
    ]);
    expect(errorIssues({ error: { code: 'x', message: 'y' } })).toEqual([]);
    expect(errorIssues('Bad Gateway')).toEqual([]);
  });
});
