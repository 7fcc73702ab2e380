// The checks as a table for a terminal, with a summary line; coloured only on a terminal.
import type { Check, Status } from './checks.ts';

const ICON: Record<Status, string> = { ok: '✔', warn: '⚠', fail: '✘' };
const COLOUR: Record<Status, string> = { ok: '32', warn: '33', fail: '31' };

/** Colour only when writing to a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function wantColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

export function summary(checks: Check[]): string {
  const n = (s: Status) => checks.filter((c) => c.status === s).length;
  const fail = n('fail');
  const count = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${count(n('ok'), 'correcta', 'correctas')}, ${count(n('warn'), 'aviso', 'avisos')}, ${count(fail, 'fallo', 'fallos')} — ${fail === 0 ? 'tu máquina puede seguir las lecciones' : 'hay requisitos que faltan'}`;
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
