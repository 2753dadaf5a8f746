// A schema module the content config imports.
import { z } from 'astro/zod';

export const courseSchema = z.object({
	course: z.string(),
	week: z.number().int().nonnegative(),
	objectives: z.array(z.string().min(3)).max(4).optional(),
	assessment: z.enum(['kuis', 'proyek', 'ujian']).optional(),
	deadline: z.date().nullable().optional(),
});
