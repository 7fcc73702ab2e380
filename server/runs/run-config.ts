// The values the page sends for a block's settable globals (`config` of a `run`
// message), checked strictly against what the block declares (fence meta
// `config=`, lib/lessons/config.ts): only its names, each value valid for its
// type. A run without values uses the declared defaults. The result is the
// runner's arguments (`--set name=value`, one argument each: never a shell).
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { checkConfigValue, configBounds, type ValueProblem } from '../../lib/lessons/config.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';

export type ConfigVerdict = { ok: true; args: string[] } | { ok: false; message: string };

const PROBLEM: Record<ValueProblem, keyof typeof terminal> = {
  notInteger: 'config.notInteger',
  range: 'config.range',
  notAscii: 'config.notAscii',
  tooLong: 'config.tooLong',
};

/** `config` as the page sent it (already shaped by the protocol schema), or undefined. */
export function runnerConfigArgs(block: RunnableBlock, config: Readonly<Record<string, string>> | undefined): ConfigVerdict {
  const declared = block.config ?? [];
  const given = config ?? {};
  const names = Object.keys(given);
  if (names.length && !declared.length) return { ok: false, message: terminal['config.none'] };
  const unknown = names.find((n) => !declared.some((v) => v.name === n));
  if (unknown !== undefined) {
    return {
      ok: false,
      message: fill(terminal['config.unknown'], { name: unknown.slice(0, 64), known: declared.map((v) => v.name).join(', ') }),
    };
  }
  const args: string[] = [];
  for (const v of declared) {
    const raw = Object.hasOwn(given, v.name) ? given[v.name] : v.default;
    const checked = checkConfigValue(v, raw);
    if (!checked.ok) return { ok: false, message: fill(terminal[PROBLEM[checked.problem]], { name: v.name, ...configBounds(v) }) };
    args.push('--set', `${v.name}=${checked.value}`);
  }
  return { ok: true, args };
}
