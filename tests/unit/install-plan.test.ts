// The installer's plan per distribution (lib/install-plan.mjs), on real
// /etc/os-release files, against what each distribution's repositories have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { installPlan, parseOsRelease, type Need } from '../../lib/install-plan.mjs';

const os = (name: string) => parseOsRelease(readFileSync(`tests/fixtures/os-release/${name}`, 'utf8'));
const ALL: Need[] = ['clang', 'llvm-strip', 'bpftool', 'bpftrace', 'libbpf', 'uapi-headers', 'make', 'cc'];
/** A repository that has exactly these packages. */
const repo =
  (...pkgs: string[]) =>
  (p: string) =>
    pkgs.includes(p);
const DEBIAN = repo('clang', 'llvm', 'bpftool', 'bpftrace', 'libbpf-dev', 'linux-libc-dev', 'make', 'gcc');

test('Debian 12 and 13: one apt-get install of the Debian package names', () => {
  for (const name of ['debian-12', 'debian-13']) {
    const plan = installPlan(os(name), ALL, '6.1.0-21-amd64', DEBIAN);
    assert.deepEqual(plan.argv, [
      'apt-get',
      'install',
      '-y',
      '--no-install-recommends',
      'clang',
      'llvm',
      'bpftool',
      'bpftrace',
      'libbpf-dev',
      'linux-libc-dev',
      'make',
      'gcc',
    ]);
    assert.deepEqual(plan.missing, []);
  }
});

test('Ubuntu 22.04 and 24.04: bpftool comes from linux-tools-common + linux-tools-<release>', () => {
  for (const name of ['ubuntu-22.04', 'ubuntu-24.04']) {
    const krel = '5.15.0-91-generic';
    const plan = installPlan(os(name), ['bpftool', 'bpftrace'], krel, repo('linux-tools-common', `linux-tools-${krel}`, 'bpftrace'));
    assert.deepEqual(plan.packages, ['linux-tools-common', `linux-tools-${krel}`, 'bpftrace'], name);
    assert.deepEqual(plan.missing, []);
  }
});

test('Ubuntu on a kernel it does not package: the rest installs, bpftool is reported with why', () => {
  const plan = installPlan(os('ubuntu-22.04'), ['clang', 'bpftool'], '6.18.0-custom', repo('clang', 'linux-tools-common'));
  assert.deepEqual(plan.argv, ['apt-get', 'install', '-y', '--no-install-recommends', 'clang']);
  assert.equal(plan.missing.length, 1);
  assert.equal(plan.missing[0].need, 'bpftool');
  assert.match(
    plan.missing[0].why,
    /linux-tools-6\.18\.0-custom no está en tus repositorios \(tu kernel 6\.18\.0-custom no es uno de los que empaqueta Ubuntu 22\.04\.4 LTS\)/,
  );
});

test('Fedora uses dnf and its own names', () => {
  const plan = installPlan(os('fedora-40'), ALL, '6.8.5-301.fc40.x86_64', () => true);
  assert.deepEqual(plan.argv, [
    'dnf',
    'install',
    '-y',
    'clang',
    'llvm',
    'bpftool',
    'bpftrace',
    'libbpf-devel',
    'kernel-headers',
    'make',
    'gcc',
  ]);
});

test('Arch uses pacman (bpftool is the "bpf" package)', () => {
  const plan = installPlan(os('arch'), ['bpftool', 'uapi-headers'], '6.12.1-arch1-1', () => true);
  assert.deepEqual(plan.argv, ['pacman', '-S', '--needed', '--noconfirm', 'bpf', 'linux-api-headers']);
});

test('openSUSE (ID_LIKE suse) uses zypper', () => {
  const plan = installPlan(os('opensuse-tumbleweed'), ['libbpf', 'uapi-headers'], '6.11.8-1-default', () => true);
  assert.deepEqual(plan.argv, ['zypper', '--non-interactive', 'install', 'libbpf-devel', 'linux-glibc-devel']);
});

test('a package the repositories lack is named with its manager; an unknown distribution installs nothing', () => {
  const plan = installPlan(os('debian-12'), ['bpftrace', 'clang'], '6.1.0-21-amd64', repo('clang'));
  assert.deepEqual(plan.packages, ['clang']);
  assert.match(plan.missing[0].why, /^bpftrace no está en los repositorios configurados de Debian GNU\/Linux 12 \(bookworm\) \(apt\)$/);
  const none = installPlan(parseOsRelease('ID=gentoo\nPRETTY_NAME="Gentoo"'), ['clang'], '6.1', () => true);
  assert.equal(none.argv, null);
  assert.match(none.missing[0].why, /no sé instalar paquetes en Gentoo/);
});
