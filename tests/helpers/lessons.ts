// What the tests expect of the lesson folder, read from the sources themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { orderedLessonSlugs, lessonSlug } from '../../lib/lessons/order.ts';

export const EXPECTED_ORDER = [
  'que-es-ebpf',
  'primer-programa',
  'bpftrace',
  'mapas',
  'requisitos',
  'co-re',
  'eventos',
  'globales',
  'verificador',
  'funciones',
  'cargador',
  'latencias',
  'kprobes',
  'uprobes',
  'bpftrace-a-fondo',
  'filtros-de-socket',
  'xdp',
  'tc',
  'cgroups',
  'lsm',
  'enviar-senales',
  'seccomp',
  'referencias',
];

export function lessonFiles(dir = 'content'): string[] {
  return readdirSync(dir).filter((f) => /^\d+-.*\.mdx?$/.test(f));
}

export function lessonSlugs(): string[] {
  return orderedLessonSlugs(lessonFiles());
}

/** The frontmatter title of a lesson, without quotes. */
export function lessonTitle(slug: string): string {
  const file = lessonFiles().find((f) => lessonSlug(f) === slug);
  if (!file) throw new Error(`no lesson ${slug}`);
  const src = readFileSync(`content/${file}`, 'utf8');
  const m = /^title:\s*(.+)$/m.exec(src);
  if (!m) throw new Error(`no title in ${file}`);
  return m[1].trim().replace(/^(['"])(.*)\1$/, '$2');
}
