import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { lessonExtension } from './lib/lesson-schema';
import { lessonSlug } from './lib/lesson-order';

// Lessons live in the top-level `content/` folder; a numeric prefix sets the
// order (`02-primer-programa.mdx`) and is stripped from the URL.
export const collections = {
  docs: defineCollection({
    loader: glob({
      pattern: '**/[^_]*.{md,mdx}',
      // Tests point this at a fixture folder to prove that bad frontmatter fails the build.
      base: process.env.TALLER_CONTENT_DIR ?? './content',
      generateId: ({ entry }) => lessonSlug(entry),
    }),
    schema: docsSchema({ extend: lessonExtension }),
  }),
  // Overrides of Starlight's Spanish UI strings (src/content/i18n/es.json).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
