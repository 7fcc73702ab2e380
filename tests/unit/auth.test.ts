// The gate's token parsing: a Bearer header for the API, one `token.…`
// subprotocol beside `taller.v1` for terminals, never a cookie.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { bearerToken, checkSocketToken, checkToken, chooseProtocol, createGate, protocolToken } from '../../server/auth.ts';

const token = 'A'.repeat(20) + '-_' + 'z'.repeat(21);
const gate = createGate(4321, token);
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test('bearerToken reads only the Bearer scheme', () => {
  assert.equal(bearerToken(`Bearer ${token}`), token);
  assert.equal(bearerToken(`bearer ${token}`), token);
  assert.equal(bearerToken(undefined), null);
  assert.equal(bearerToken(token), null);
  assert.equal(bearerToken(`Basic ${token}`), null);
  assert.equal(bearerToken(`Bearer ${token} extra`), null);
  assert.equal(bearerToken('Bearer '), null);
});

test('protocolToken needs taller.v1 and exactly one token.… subprotocol', () => {
  assert.equal(protocolToken(`taller.v1, token.${token}`), token);
  assert.equal(protocolToken(`token.${token},taller.v1`), token);
  assert.equal(protocolToken(undefined), null);
  assert.equal(protocolToken('taller.v1'), null);
  assert.equal(protocolToken(`token.${token}`), null);
  assert.equal(protocolToken(`taller.v1, ${token}`), null);
  assert.equal(protocolToken(`taller.v1, token.${token}, token.${token}`), null);
});

test('the server answers only taller.v1, never a token subprotocol', () => {
  assert.equal(chooseProtocol(new Set([`token.${token}`, 'taller.v1'])), 'taller.v1');
  assert.equal(chooseProtocol(new Set([`token.${token}`])), false);
  assert.equal(chooseProtocol([]), false);
});

test('the API and the upgrade refuse the token in a cookie, and accept it where it belongs', () => {
  assert.equal(checkToken(gate, req({ authorization: `Bearer ${token}` })).ok, true);
  assert.equal(checkToken(gate, req({ authorization: `Bearer ${token}x` })).ok, false);
  for (const cookie of [`taller_token=${token}`, `taller_token=${token}; taller_sesion=1`]) {
    const api = checkToken(gate, req({ cookie }));
    assert.equal(api.ok, false);
    assert.equal(!api.ok && api.status, 401);
    assert.equal(checkSocketToken(gate, req({ cookie, 'sec-websocket-protocol': 'taller.v1' })).ok, false);
  }
  assert.equal(checkSocketToken(gate, req({ 'sec-websocket-protocol': `taller.v1, token.${token}` })).ok, true);
  assert.equal(checkSocketToken(gate, req({ 'sec-websocket-protocol': 'taller.v1', authorization: `Bearer ${token}` })).ok, false);
});
