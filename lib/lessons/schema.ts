import { z } from 'astro/zod';
import { lessons as t } from '../messages/es/lessons.mjs';

/**
 * Extra frontmatter every lesson may declare: what the lesson needs from the
 * learner's machine. The requirements checker reads it to mark runnable blocks.
 */
export const lessonExtension = z.object({
  requires: z
    .object({
      kernel: z
        .string()
        .regex(/^\d+\.\d+$/, t['frontmatter.kernelVersion'])
        .optional(),
      btf: z.boolean().optional(),
      programTypes: z.array(z.string()).optional(),
      tools: z.array(z.enum(['clang', 'bpftool', 'bpftrace', 'llvm-strip'])).optional(),
    })
    .strict()
    .optional(),
});
