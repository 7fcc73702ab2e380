// Pure helpers that turn the `content/` file names into URLs and order.
// Used by astro.config.mjs (sidebar), the content loader (ids) and the server.

const NUMBERED = /^(\d+)-(.+)\.mdx?$/;

/** `02-primer-programa.mdx` → `primer-programa`; `index.mdx` → `index`. */
export function lessonSlug(file: string): string {
  const base = file.split('/').pop() ?? file;
  const m = NUMBERED.exec(base);
  return (m ? m[2] : base.replace(/\.mdx?$/, '')).toLowerCase();
}

/** The numbered lesson files, in their order, as slugs. */
export function orderedLessonSlugs(files: string[]): string[] {
  return files
    .map((f) => ({ f, m: NUMBERED.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]) || a.f.localeCompare(b.f))
    .map((x) => lessonSlug(x.f));
}
