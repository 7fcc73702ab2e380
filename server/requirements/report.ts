// The checks as a table for a terminal, with a summary line; coloured only on a terminal.
import type { Check, Status } from './checks.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { requirements as t } from '../../lib/messages/es/requirements.mjs';

const ICON: Record<Status, string> = { ok: '✔', warn: '⚠', fail: '✘' };
const COLOUR: Record<Status, string> = { ok: '32', warn: '33', fail: '31' };

/** Colour only when writing to a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function wantColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

export function summary(checks: Check[]): string {
  const n = (s: Status) => checks.filter((c) => c.status === s).length;
  const fail = n('fail');
  const count = (k: number, one: string, many: string) => fill(k === 1 ? one : many, { count: k });
  return fill(t['summary.line'], {
    ok: count(n('ok'), t['summary.ok.one'], t['summary.ok.many']),
    warn: count(n('warn'), t['summary.warn.one'], t['summary.warn.many']),
    fail: count(fail, t['summary.fail.one'], t['summary.fail.many']),
    verdict: fail === 0 ? t['summary.ready'] : t['summary.notReady'],
  });
}

export function formatReport(checks: Check[], colour: boolean): string {
  const paint = (s: Status, text: string) => (colour ? `\x1b[${COLOUR[s]}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${paint(c.status, ICON[c.status])} ${c.title}: ${c.detail}`);
    if (c.fix) lines.push(`    → ${c.fix}`);
  }
  lines.push('', summary(checks));
  return lines.join('\n');
}
