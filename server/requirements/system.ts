// Everything the requirements checks read about a machine, behind one
// interface with an injectable root: the real machine, or a fixture tree
// (tests/fixtures/systems/<name>/ with proc/, sys/, boot/, etc/, usr/ and a
// system.json for what files cannot say: uid, tools, probes, platform).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FentryProbe, ToolInfo } from '../processes/tool-probe.ts';

export interface SystemView {
  /** Reads a file by its absolute path on the target machine, or null. */
  read(path: string): string | null;
  exists(path: string): boolean;
  list(path: string): string[];
  euid: number;
  platform: NodeJS.Platform;
  machine: string;
  env: Record<string, string | undefined>;
  tool(name: string): Promise<ToolInfo | null>;
  fentry(): Promise<FentryProbe>;
}

function rooted(root: string) {
  const at = (p: string) => join(root, p);
  return {
    read(path: string): string | null {
      try {
        const buf = readFileSync(at(path));
        return path.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
      } catch {
        return null;
      }
    },
    exists: (path: string) => existsSync(at(path)),
    list(path: string): string[] {
      try {
        return readdirSync(at(path));
      } catch {
        return [];
      }
    },
  };
}

export function realSystem(opts: {
  tool: (name: string) => Promise<ToolInfo | null>;
  fentry: () => Promise<FentryProbe>;
  machine: string;
}): SystemView {
  return {
    ...rooted('/'),
    euid: process.geteuid?.() ?? -1,
    platform: process.platform,
    machine: opts.machine,
    env: process.env,
    tool: opts.tool,
    fentry: opts.fentry,
  };
}

interface FixtureFacts {
  euid: number;
  platform?: NodeJS.Platform;
  machine?: string;
  env?: Record<string, string>;
  tools: Record<string, ToolInfo | null>;
  fentry: FentryProbe;
}

export function fixtureSystem(dir: string): SystemView {
  const facts = JSON.parse(readFileSync(join(dir, 'system.json'), 'utf8')) as FixtureFacts;
  return {
    ...rooted(dir),
    euid: facts.euid,
    platform: facts.platform ?? 'linux',
    machine: facts.machine ?? 'x86_64',
    env: facts.env ?? {},
    tool: async (name) => facts.tools[name] ?? null,
    fentry: async () => facts.fentry,
  };
}
