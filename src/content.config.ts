import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { lessonExtension } from '../lib/lessons/schema';
import { lessonSlug } from '../lib/lessons/order';
import { EXERCISES_FOLDER, FILES, exerciseData, loadExercises } from '../server/exercises/folders.ts';

// Lessons live in the top-level `content/` folder; a numeric prefix sets the
// order (`02-primer-programa.mdx`) and is stripped from the URL.
// Tests point this at a fixture folder to prove that bad content fails the build.
const contentDir = process.env.TALLER_CONTENT_DIR ?? './content';

export const collections = {
  docs: defineCollection({
    loader: glob({
      // Exercise folders hold Markdown too (their statements): they are not lessons.
      pattern: ['**/[^_]*.{md,mdx}', `!${EXERCISES_FOLDER}/**`],
      base: contentDir,
      generateId: ({ entry }) => lessonSlug(entry),
    }),
    schema: docsSchema({ extend: lessonExtension }),
  }),
  // The exercises, one folder each (`content/ejercicios/<id>/`), read by the loader the server uses:
  // a bad folder fails the build with a message naming the file and the field.
  ejercicios: defineCollection({
    loader: {
      name: 'taller-ejercicios',
      load: async ({ store, watcher, logger }) => {
        const sync = () => {
          const exercises = loadExercises(contentDir);
          store.clear();
          for (const e of exercises) store.set({ id: e.id, data: { ...exerciseData(e) } });
        };
        sync();
        // `astro dev`: an edited exercise folder or placement shows without a restart.
        watcher?.on('all', (_event, path) => {
          if (!path.includes(`/${EXERCISES_FOLDER}/`) && !/\.mdx?$/.test(path)) return;
          try {
            sync();
          } catch (err) {
            logger.error((err as Error).message);
          }
        });
      },
    },
  }),
  // The exercises' statements, rendered like the lessons' own Markdown.
  enunciados: defineCollection({
    loader: glob({ pattern: `${EXERCISES_FOLDER}/*/${FILES.statement}`, base: contentDir, generateId: ({ entry }) => entry.split('/')[1] }),
  }),
  // Overrides of Starlight's Spanish UI strings (src/content/i18n/es.json).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
