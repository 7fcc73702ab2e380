// What a networking run must never change on the learner's machine, as one comparable string:
// the host's interfaces, addresses, routes and rules, its firewall (nft, when installed), the
// cgroups outside the workshop's own, and the workshop's namespaces and sandbox cgroups.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cgroup2Root, CGROUP_PARENT } from '../../server/processes/cgroup.ts';
import { ourNamespaces } from '../../server/processes/sandbox.ts';

const sh = (file: string, args: string[]) => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
};

/** Interfaces (without counters or the changing operational state), addresses, routes, rules, firewall. */
export function hostNetwork(): string {
  const links = (JSON.parse(sh('ip', ['-j', 'link', 'show']) || '[]') as Array<Record<string, unknown>>).map(
    ({ ifname, flags, mtu, qdisc, link_type, address, xdp }) => ({ ifname, flags, mtu, qdisc, link_type, address, xdp }),
  );
  return JSON.stringify({
    links,
    addrs: sh('ip', ['-br', 'addr', 'show']),
    routes: sh('ip', ['route', 'show', 'table', 'all']),
    routes6: sh('ip', ['-6', 'route', 'show', 'table', 'all']),
    rules: sh('ip', ['rule', 'show']),
    tc: links.map((l) => sh('tc', ['qdisc', 'show', 'dev', String(l.ifname)])).join(''),
    nft: existsSync('/usr/sbin/nft') ? sh('nft', ['list', 'ruleset']) : '',
  });
}

/** The cgroup v2 tree two levels deep, without the workshop's own (its sessions come and go by design). */
export function hostCgroups(): string {
  const root = cgroup2Root();
  if (!root) return '';
  const out: string[] = [];
  for (const a of readdirSync(root, { withFileTypes: true })) {
    if (!a.isDirectory() || a.name === CGROUP_PARENT) continue;
    out.push(a.name);
    for (const b of readdirSync(join(root, a.name), { withFileTypes: true })) if (b.isDirectory()) out.push(`${a.name}/${b.name}`);
  }
  return out.sort().join('\n');
}

/** The workshop's sandbox namespaces and sandbox cgroups (`<pid>-<n>-prueba`) of the server with this pid. */
export function sandboxesOf(serverPid: number): { namespaces: string[]; cgroups: string[] } {
  const root = cgroup2Root();
  const parent = root ? join(root, CGROUP_PARENT) : null;
  const cgroups =
    parent && existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith(`${serverPid}-`) && n.endsWith('-prueba')) : [];
  return { namespaces: ourNamespaces().filter((n) => n.startsWith(`taller-${serverPid}-`)), cgroups };
}
