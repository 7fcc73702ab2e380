// The course's sections: a section starts at a lesson number and holds every lesson up to the next
// one's start, so a new lesson joins its section by its file number alone (`content/NN-slug.mdx`).
// The sidebar (astro.config.mjs), the home page's path and the progress page all group by this.
import { lessons as t } from '../messages/es/lessons.mjs';

const NUMBERED = /^(\d+)-(.+)\.mdx?$/;

export interface Section {
  key: string;
  /** The first lesson number of the section. */
  from: number;
  label: string;
  summary: string;
}

const section = (key: keyof typeof KEYS, from: number): Section => ({
  key,
  from,
  label: t[`section.${key}.label`],
  summary: t[`section.${key}.summary`],
});
const KEYS = { fundamentos: 0, programar: 0, observabilidad: 0, redes: 0, seguridad: 0, seguir: 0 };

export const SECTIONS: readonly Section[] = [
  section('fundamentos', 1),
  section('programar', 6),
  section('observabilidad', 12),
  section('redes', 20),
  section('seguridad', 30),
  section('seguir', 90),
];

export interface SectionLessons extends Section {
  /** The section's lessons, in number order: slug and number. */
  lessons: Array<{ slug: string; number: number }>;
}

/** The numbered lesson files grouped into their sections, in order; empty sections are left out. */
export function lessonsBySection(files: string[]): SectionLessons[] {
  const numbered = files
    .map((f) => NUMBERED.exec(f.split('/').pop() ?? f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ slug: m[2].toLowerCase(), number: Number(m[1]) }))
    .sort((a, b) => a.number - b.number || a.slug.localeCompare(b.slug));
  return SECTIONS.map((s, i) => {
    const end = SECTIONS[i + 1]?.from ?? Infinity;
    return { ...s, lessons: numbered.filter((l) => l.number >= s.from && l.number < end) };
  }).filter((s) => s.lessons.length > 0);
}
