// A C block's settable global variables: the fence meta `config="name:type=default,…"`
// names them, the page shows one input for each, and the server checks each value
// here before the runner writes it into the object (runner --set, before load).
//
//   ```c run="filtrar" config="pid_objetivo:pid=0,comando:texto16=tallerej"
//
// Types: `pid` (0 … PID_MAX_LIMIT), `u32`, `u64`, `s32`, `s64`, and `texto` /
// `textoN` (a `char [N]`, 16 when N is not given: at most N-1 printable ASCII
// characters, the last byte is the final \0). The default, after `=`, is what a
// run without values (the kernel lab, an old page) uses; 0 or "" when omitted.
import { fill } from '../messages/fill.mjs';
import { lessons as t } from '../messages/es/lessons.mjs';

export type ConfigType = 'pid' | 'u32' | 'u64' | 's32' | 's64' | 'texto';

export interface ConfigVar {
  /** The C variable's name. */
  name: string;
  type: ConfigType;
  /** For `texto`: the char array's size (its longest text is one less). */
  size?: number;
  /** The value a run without one uses, already valid. */
  default: string;
}

/** How many settable variables a block may declare, and the largest text array. */
export const CONFIG_LIMITS = { vars: 4, textSize: 64 } as const;

/** PID_MAX_LIMIT on 64-bit kernels: no PID is larger. */
const PID_MAX = 4194304;

const RANGES: Record<Exclude<ConfigType, 'texto'>, [bigint, bigint]> = {
  pid: [0n, BigInt(PID_MAX)],
  u32: [0n, 2n ** 32n - 1n],
  u64: [0n, 2n ** 64n - 1n],
  s32: [-(2n ** 31n), 2n ** 31n - 1n],
  s64: [-(2n ** 63n), 2n ** 63n - 1n],
};

const CONFIG_META = /(?:^|\s)config=(?:"([^"]*)"|'([^']*)')/;
const C_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const TYPE = /^(pid|u32|u64|s32|s64|texto)(\d+)?$/;

/** Why a value is refused (the server and the page word it). */
export type ValueProblem = 'notInteger' | 'range' | 'notAscii' | 'tooLong';

/**
 * A value for one variable, as text: the normalised value (what the runner gets), or why not.
 * Integers: decimal digits only (a leading «-» for s32/s64), within the type's range.
 * Text: printable ASCII (space to «~»), at most size-1 characters.
 */
export function checkConfigValue(v: ConfigVar, raw: string): { ok: true; value: string } | { ok: false; problem: ValueProblem } {
  if (v.type === 'texto') {
    if (!/^[\x20-\x7e]*$/.test(raw)) return { ok: false, problem: 'notAscii' };
    if (raw.length > (v.size ?? 16) - 1) return { ok: false, problem: 'tooLong' };
    return { ok: true, value: raw };
  }
  const s = raw.trim();
  const signed = v.type === 's32' || v.type === 's64';
  if (!(signed ? /^-?\d{1,20}$/ : /^\d{1,20}$/).test(s)) return { ok: false, problem: 'notInteger' };
  const n = BigInt(s);
  const [min, max] = RANGES[v.type];
  if (n < min || n > max) return { ok: false, problem: 'range' };
  return { ok: true, value: n.toString() };
}

/** The range or length a type accepts, for the page and the error messages: «0 … 4194304», «15». */
export function configBounds(v: ConfigVar): { min?: string; max: string } {
  if (v.type === 'texto') return { max: String((v.size ?? 16) - 1) };
  const [min, max] = RANGES[v.type];
  return { min: min.toString(), max: max.toString() };
}

/**
 * The settable variables a fence declares, or [] without `config=`. Throws a
 * Spanish error naming the lesson and block when the declaration is wrong.
 */
export function configFromMeta(meta: string | null | undefined, where: { lesson: string; id: string; kind: string }): ConfigVar[] {
  const m = meta ? CONFIG_META.exec(meta) : null;
  if (!m) return [];
  return parseConfig(m[1] ?? m[2] ?? '', where);
}

/** `name:type=default,…` (also the `config` field of an exercise's ejercicio.yaml). */
export function parseConfig(text: string, where: { lesson: string; id: string; kind: string }): ConfigVar[] {
  const fail = (key: keyof typeof t, params: Record<string, string | number> = {}): never => {
    throw new Error(fill(t[key], { lesson: where.lesson, id: where.id, ...params }));
  };
  if (where.kind !== 'c') fail('config.notC');
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) fail('config.empty');
  if (items.length > CONFIG_LIMITS.vars) fail('config.tooMany', { max: CONFIG_LIMITS.vars });
  const out: ConfigVar[] = [];
  for (const item of items) {
    const im = /^([^:=]*):([^=]*)(?:=(.*))?$/.exec(item);
    if (!im) return fail('config.badItem', { item });
    const [, name, typeText, def] = im;
    if (!C_NAME.test(name)) fail('config.badName', { name });
    if (out.some((v) => v.name === name)) fail('config.repeated', { name });
    const tm = TYPE.exec(typeText);
    if (!tm || (tm[2] !== undefined && tm[1] !== 'texto')) return fail('config.badType', { name, type: typeText });
    const type = tm[1] as ConfigType;
    const v: ConfigVar = { name, type, default: '' };
    if (type === 'texto') {
      const size = tm[2] === undefined ? 16 : Number(tm[2]);
      if (size < 2 || size > CONFIG_LIMITS.textSize) fail('config.badSize', { name, max: CONFIG_LIMITS.textSize });
      v.size = size;
    }
    const checked = checkConfigValue(v, def ?? (type === 'texto' ? '' : '0'));
    if (!checked.ok) return fail('config.badDefault', { name, value: def ?? '' });
    out.push({ ...v, default: checked.value });
  }
  return out;
}
