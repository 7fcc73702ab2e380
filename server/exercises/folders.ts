// The one exercise loader, used by the server (catalog.ts, blocks.ts) and by the
// site build (src/content.config.ts). An exercise is one folder:
//
//   content/ejercicios/<id>/
//     ejercicio.yaml     title, workload, editor file name, hints (validated here)
//     enunciado.md       the statement (the site renders it)
//     inicio.bpf.c|.bt   the starting code (a wrong answer)
//     solucion.bpf.c|.bt the solution
//   or, for a loader exercise (the learner writes the user-space half):
//     inicio.c, solucion.c  the loader's start and solution
//     programa.bpf.c        its BPF program, fixed (skeleton: programa.skel.h)
//   or, for a program exercise (a plain user-space C program, judged by what it prints):
//     inicio.c, solucion.c  without programa.bpf.c, and no `workload` in ejercicio.yaml
//     juez.ts            the judge: observations → verdict (loaded by catalog.ts)
//
// Its lesson is whichever page places it with <Exercise id="<id>" />.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { visit } from 'unist-util-visit';
import { lessonSlug, orderedLessonSlugs } from '../../lib/lessons/order.ts';
import { WORKLOAD_KINDS, type WorkloadKind } from '../../lib/protocol.ts';
import { parseConfig, type ConfigVar } from '../../lib/lessons/config.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { exercises as X } from '../../lib/messages/es/exercises.mjs';

/** The folder, under the lessons' folder, that holds one folder per exercise. */
export const EXERCISES_FOLDER = 'ejercicios';

export const FILES = {
  metadata: 'ejercicio.yaml',
  statement: 'enunciado.md',
  judge: 'juez.ts',
} as const;

/** Start and solution files, by kind: the extension says the language. */
const CODE_FILES = {
  c: { start: 'inicio.bpf.c', solution: 'solucion.bpf.c', ext: '.bpf.c' },
  bpftrace: { start: 'inicio.bt', solution: 'solucion.bt', ext: '.bt' },
  loader: { start: 'inicio.c', solution: 'solucion.c', ext: '.c' },
  program: { start: 'inicio.c', solution: 'solucion.c', ext: '.c' },
} as const;

/** A loader exercise's BPF program: given, not edited; its skeleton is `programa.skel.h`. */
export const LOADER_BPF_FILE = 'programa.bpf.c';

const text = (what: string) =>
  z
    .string({ required_error: fill(X['meta.required'], { what }), invalid_type_error: fill(X['meta.notText'], { what }) })
    .trim()
    .min(1, fill(X['meta.empty'], { what }));

/** `ejercicio.yaml`. */
export const exerciseMetadata = z
  .object({
    title: text(X['meta.title']),
    /** Absent only in a program exercise: the program itself is what Comprobar runs and judges. */
    workload: z
      .enum(WORKLOAD_KINDS, {
        errorMap: () => ({ message: fill(X['meta.workload'], { kinds: WORKLOAD_KINDS.join(', ') }) }),
      })
      .optional(),
    fileName: text(X['meta.fileName']).refine((f) => /^[\w-]+\.(bpf\.c|bt|c)$/.test(f), X['meta.fileNameForm']),
    hints: z
      .array(text(X['meta.hint']), {
        required_error: X['meta.hintsRequired'],
        invalid_type_error: X['meta.hintsNotList'],
      })
      .min(1, X['meta.hintsEmpty']),
    /** Global variables Comprobar sets before load, as a fence's `config=` (lib/lessons/config.ts): C only. */
    config: text('config').optional(),
  })
  .strict();

export type ExerciseMetadata = z.infer<typeof exerciseMetadata>;

export interface ExerciseContent {
  id: string;
  title: string;
  /** The slug of the lesson that places it. */
  lesson: string;
  /** Position in the course: lesson order, then place in the lesson. */
  order: number;
  kind: 'c' | 'bpftrace' | 'loader' | 'program';
  /** Loader exercises: the fixed BPF program (`programa.bpf.c`) the learner's loader loads. */
  bpf?: { fileName: string; code: string };
  /** The file name the editor shows. */
  fileName: string;
  /** What Comprobar runs once the program is attached; null for a program exercise (it runs by itself). */
  workload: WorkloadKind | null;
  hints: string[];
  /** Globals written before load on every run and Comprobar (their defaults); absent when none. */
  config?: ConfigVar[];
  /** Starting code and solution, trailing blank space removed. */
  start: string;
  solution: string;
  /** Absolute paths. */
  dir: string;
  startFile: string;
  solutionFile: string;
  statementFile: string;
  judgeFile: string;
}

/** What the site stores for each exercise: everything but this machine's paths. */
export type ExerciseData = Omit<ExerciseContent, 'dir' | 'startFile' | 'solutionFile' | 'statementFile' | 'judgeFile'>;

export function exerciseData(e: ExerciseContent): ExerciseData {
  const { dir, startFile, solutionFile, statementFile, judgeFile, ...data } = e;
  return data;
}

/** A bad exercise folder: the message names the file (and the field). */
export class ExerciseFolderError extends Error {
  constructor(readonly problems: string[]) {
    super([X['folder.errors'], ...problems.map((problem) => fill(X['folder.problem'], { problem }))].join('\n'));
    this.name = 'ExerciseFolderError';
  }
}

const shown = (path: string) => relative(process.cwd(), path) || path;

/** Where the lessons place exercises: `<Exercise id="…">`, outside code blocks. */
export function exercisePlacements(source: string): string[] {
  const tree = unified().use(remarkParse).use(remarkMdx).parse(source);
  const ids: string[] = [];
  visit(tree, (node) => {
    const n = node as { type: string; name?: string | null; attributes?: Array<{ type: string; name?: string; value?: unknown }> };
    if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name === 'Exercise') {
      const id = n.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
      ids.push(typeof id === 'string' ? id : '');
    }
  });
  return ids;
}

/** The lesson files of a content folder, in course order (numbered ones first). */
function lessonFiles(contentDir: string): string[] {
  const files = readdirSync(contentDir).filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'));
  const order = orderedLessonSlugs(files);
  const rank = (f: string) => (order.includes(lessonSlug(f)) ? order.indexOf(lessonSlug(f)) : order.length);
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Every exercise of a content folder (`content/`), in course order. Throws an
 * ExerciseFolderError listing every problem, each naming its file and field.
 */
export function loadExercises(contentDir: string): ExerciseContent[] {
  const root = join(contentDir, EXERCISES_FOLDER);
  const problems: string[] = [];

  // Where each exercise is placed.
  const placed = new Map<string, { lesson: string; file: string; order: number }>();
  let position = 0;
  for (const file of lessonFiles(contentDir)) {
    const path = join(contentDir, file);
    for (const id of exercisePlacements(readFileSync(path, 'utf8'))) {
      const prev = placed.get(id);
      if (!id) problems.push(fill(X['folder.placementNoId'], { path: shown(path) }));
      else if (prev) problems.push(fill(X['folder.placedTwice'], { path: shown(path), id, other: shown(prev.file) }));
      else placed.set(id, { lesson: lessonSlug(file), file: path, order: position++ });
    }
  }

  const ids = existsSync(root)
    ? readdirSync(root)
        .filter((d) => statSync(join(root, d)).isDirectory())
        .sort()
    : [];
  const out: ExerciseContent[] = [];
  for (const id of ids) {
    const dir = join(root, id);
    const metaFile = join(dir, FILES.metadata);
    const local: string[] = [];
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      local.push(fill(X['folder.badId'], { path: shown(dir) }));
    }
    for (const f of [FILES.metadata, FILES.statement, FILES.judge]) {
      if (!existsSync(join(dir, f))) local.push(fill(X['folder.missingFile'], { path: shown(join(dir, f)) }));
    }
    let meta: ExerciseMetadata | undefined;
    if (existsSync(metaFile)) {
      let raw: unknown;
      try {
        raw = yaml.load(readFileSync(metaFile, 'utf8'));
      } catch (err) {
        local.push(fill(X['folder.badYaml'], { path: shown(metaFile), error: (err as Error).message.split('\n')[0] }));
      }
      if (raw !== undefined) {
        const parsed = exerciseMetadata.safeParse(raw);
        if (parsed.success) meta = parsed.data;
        else local.push(...parsed.error.issues.map((i) => fill(X['folder.issue'], { path: shown(metaFile), issue: issueText(i) })));
      }
    }
    // inicio.c is a loader's when the folder has its BPF program or names a workload, else a plain program's:
    // the other kind with the same start file is left out.
    const excluded = existsSync(join(dir, LOADER_BPF_FILE)) || meta?.workload !== undefined ? 'program' : 'loader';
    const kinds = (Object.keys(CODE_FILES) as Array<keyof typeof CODE_FILES>).filter(
      (k) => k !== excluded && existsSync(join(dir, CODE_FILES[k].start)),
    );
    if (kinds.length !== 1) {
      local.push(fill(kinds.length ? X['folder.twoStarts'] : X['folder.noStart'], { path: shown(dir) }));
    }
    const kind = kinds[0];
    if (kind && !existsSync(join(dir, CODE_FILES[kind].solution)))
      local.push(fill(X['folder.missingSolution'], { path: shown(join(dir, CODE_FILES[kind].solution)) }));
    if (kind === 'loader' && !existsSync(join(dir, LOADER_BPF_FILE))) {
      local.push(fill(X['folder.missingLoaderBpf'], { path: shown(join(dir, LOADER_BPF_FILE)) }));
    }
    if (kind && kind !== 'program' && meta && meta.workload === undefined) {
      const field = fill(X['issue.field'], { field: 'workload', message: fill(X['meta.workload'], { kinds: WORKLOAD_KINDS.join(', ') }) });
      local.push(fill(X['folder.issue'], { path: shown(metaFile), issue: field }));
    }
    const extOk = (f: string) => f.endsWith(CODE_FILES[kind].ext) && (kind !== 'loader' || !f.endsWith('.bpf.c'));
    if (kind && meta && !extOk(meta.fileName)) {
      local.push(fill(X['folder.fileNameExt'], { path: shown(metaFile), ext: CODE_FILES[kind].ext, start: CODE_FILES[kind].start }));
    }
    const where = placed.get(id);
    if (!where) local.push(fill(X['folder.notPlaced'], { path: shown(dir), id }));
    let config: ConfigVar[] | undefined;
    if (meta?.config !== undefined && kind) {
      try {
        config = parseConfig(meta.config, { lesson: where?.lesson ?? id, id: `ej-${id}`, kind });
      } catch (err) {
        local.push(fill(X['folder.issue'], { path: shown(metaFile), issue: (err as Error).message }));
      }
    }
    if (local.length || !meta || !kind || !where) {
      problems.push(...local);
      continue;
    }
    const code = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/\s+$/, '');
    out.push({
      id,
      title: meta.title,
      lesson: where.lesson,
      order: where.order,
      kind,
      ...(kind === 'loader' ? { bpf: { fileName: LOADER_BPF_FILE, code: code(LOADER_BPF_FILE) } } : {}),
      fileName: meta.fileName,
      workload: meta.workload ?? null,
      hints: meta.hints,
      ...(config ? { config } : {}),
      start: code(CODE_FILES[kind].start),
      solution: code(CODE_FILES[kind].solution),
      dir,
      startFile: join(dir, CODE_FILES[kind].start),
      solutionFile: join(dir, CODE_FILES[kind].solution),
      statementFile: join(dir, FILES.statement),
      judgeFile: join(dir, FILES.judge),
    });
  }
  for (const [id, where] of placed) {
    if (!ids.includes(id)) problems.push(fill(X['folder.noFolder'], { path: shown(where.file), id, root: shown(root) }));
  }
  if (problems.length) throw new ExerciseFolderError(problems);
  return out.sort((a, b) => a.order - b.order);
}

/** One zod issue, in Spanish, with the field named: el campo «hints[1]» está vacío… */
function issueText(issue: z.ZodIssue): string {
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
  const fields = Object.keys(exerciseMetadata.shape).join(', ');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => fill(X['issue.key'], { key })).join(', ');
    return fill(issue.keys.length === 1 ? X['issue.unknownField'] : X['issue.unknownFields'], { keys, fields });
  }
  if (!field) return fill(X['issue.notObject'], { fields });
  return fill(X['issue.field'], { field, message: issue.message.replace(/\.$/, '') });
}
