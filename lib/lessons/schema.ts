import { z } from 'astro/zod';

/**
 * Extra frontmatter every lesson may declare: what the lesson needs from the
 * learner's machine. The requirements checker reads it to mark runnable blocks.
 */
export const lessonExtension = z.object({
  requires: z
    .object({
      kernel: z
        .string()
        .regex(/^\d+\.\d+$/, 'debe ser una versión «mayor.menor», p. ej. "5.8"')
        .optional(),
      btf: z.boolean().optional(),
      programTypes: z.array(z.string()).optional(),
      tools: z.array(z.enum(['clang', 'bpftool', 'bpftrace', 'llvm-strip'])).optional(),
    })
    .strict()
    .optional(),
});
