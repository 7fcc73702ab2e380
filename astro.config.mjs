// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { lessonsBySection } from './lib/lessons/sections.ts';
import { remarkRunnable } from './src/lib/remark-runnable.ts';
import { editorPalettes } from './src/lib/editor-palette.ts';

const bpftraceGrammar = JSON.parse(readFileSync(new URL('./src/grammars/bpftrace.tmLanguage.json', import.meta.url), 'utf8'));
const contentDir = process.env.TALLER_CONTENT_DIR ?? new URL('./content/', import.meta.url);
const sections = lessonsBySection(readdirSync(contentDir));

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  trailingSlash: 'always',
  server: { host: '127.0.0.1' },
  devToolbar: { enabled: false },
  ...(process.env.TALLER_CACHE_DIR ? { cacheDir: process.env.TALLER_CACHE_DIR } : {}),
  markdown: { remarkPlugins: [remarkRunnable] },
  // The code editor's colours, from the same themes as the static blocks (src/client/editor-theme.ts).
  vite: { define: { __TALLER_EDITOR_PALETTES__: JSON.stringify(editorPalettes()) } },
  integrations: [
    starlight({
      title: 'Taller eBPF',
      description: 'Taller interactivo de eBPF en español que se ejecuta en tu propio kernel.',
      defaultLocale: 'root',
      locales: { root: { label: 'Español', lang: 'es' } },
      logo: { src: './src/assets/logo.svg' },
      favicon: '/favicon.svg',
      sidebar: [
        // Collapsed: the section of the page being read opens by itself, so the sidebar stays short.
        ...sections.map((s) => ({ label: s.label, collapsed: true, items: s.lessons.map((l) => l.slug) })),
        {
          label: 'Herramientas',
          items: [
            { label: 'Terminal libre', link: '/terminal/' },
            { label: 'Tu progreso', link: '/progreso/' },
          ],
        },
      ],
      customCss: ['./src/styles/custom.css'],
      components: {
        MarkdownContent: './src/components/MarkdownContent.astro',
        // Starlight's search, its UI loaded on the learner's first intent to search rather than once idle.
        Search: './src/components/Search.astro',
      },
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
        // Keep tabs: the editor must show the file exactly (verifier line numbers,
        // edits diffed against the lesson's code). custom.css sets their width.
        tabWidth: 0,
        shiki: { langs: [bpftraceGrammar] },
      },
      // Asides (:::note) and heading anchors for lessons outside src/content/docs/.
      markdown: { processedDirs: ['./content/'] },
      pagination: true,
      lastUpdated: false,
    }),
  ],
});
