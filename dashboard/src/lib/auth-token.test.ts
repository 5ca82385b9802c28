import { describe, expect, it } from 'vitest';
import { authHeaders, eventsUrl, normalizeToken, takeTokenFromHash, tokenHint } from './auth-token';

const T = 'pdm_c7m_qM2K6x2LCXQgdUIn853WAYKGxWyRzy4hUs4eplE';

describe('takeTokenFromHash', () => {
  it('takes the token printed by npm start and lands on the queue', () => {
    expect(takeTokenFromHash(`#token=${T}`)).toEqual({ token: T, nextHash: '#/' });
  });
  it('leaves ordinary routes alone', () => {
    expect(takeTokenFromHash('#/work-orders/4')).toBeNull();
    expect(takeTokenFromHash('')).toBeNull();
    expect(takeTokenFromHash('#/?token=x')).toBeNull();
  });
  it('still clears the hash when the token is empty or junk', () => {
    expect(takeTokenFromHash('#token=')).toEqual({ token: null, nextHash: '#/' });
    expect(takeTokenFromHash('#token=a%20b%20c%20d%20e')).toEqual({ token: null, nextHash: '#/' });
  });
  it('follows an encoded then= to a route, never off the app', () => {
    expect(takeTokenFromHash(`#token=${T}&then=${encodeURIComponent('/map?kiosk=1')}`)).toEqual({ token: T, nextHash: '#/map?kiosk=1' });
    expect(takeTokenFromHash(`#token=${T}&then=//evil.example`)?.nextHash).toBe('#/');
    expect(takeTokenFromHash(`#token=${T}&then=https://evil.example`)?.nextHash).toBe('#/');
  });
});

describe('normalizeToken', () => {
  it('trims and strips Bearer and quotes', () => {
    expect(normalizeToken(`  ${T}\n`)).toBe(T);
    expect(normalizeToken(`Bearer ${T}`)).toBe(T);
    expect(normalizeToken(`"${T}"`)).toBe(T);
  });
  it('takes the token out of a pasted sign-in URL', () => {
    expect(normalizeToken(`http://10.0.0.5:3000/#token=${T}`)).toBe(T);
    expect(normalizeToken(`http://h/api/events?access_token=${encodeURIComponent(T)}`)).toBe(T);
  });
  it('refuses empty, short and spaced input', () => {
    expect(normalizeToken('')).toBeNull();
    expect(normalizeToken(null)).toBeNull();
    expect(normalizeToken('abc')).toBeNull();
    expect(normalizeToken('pdm_abc def ghi')).toBeNull();
  });
});

describe('carrying the token', () => {
  it('sends a bearer header only with a token', () => {
    expect(authHeaders(T)).toEqual({ authorization: `Bearer ${T}` });
    expect(authHeaders(null)).toEqual({});
  });
  it('adds access_token to the event-stream URL', () => {
    expect(eventsUrl('/api/events', 'a+b/c')).toBe('/api/events?access_token=a%2Bb%2Fc');
    expect(eventsUrl('/api/events?x=1', 'tok12345')).toBe('/api/events?x=1&access_token=tok12345');
    expect(eventsUrl('/api/events', null)).toBe('/api/events');
  });
  it('hints at a token without revealing it', () => {
    expect(tokenHint(T)).toBe('pdm_c7m…plE');
    expect(tokenHint('short')).toBe('…');
  });
});
