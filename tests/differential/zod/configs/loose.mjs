// What eduforge cannot translate: it checks less, never more.
import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
	docs: defineCollection({
		loader: docsLoader(),
		schema: docsSchema({
			extend: z.object({
				even: z.number().refine((n) => n % 2 === 0),
				upper: z.string().transform((s) => s.toUpperCase()),
				checked: z.string().superRefine((value, ctx) => {
					if (value.length > 5) ctx.addIssue({ code: 'custom', message: 'too long' });
				}),
				custom: z.custom((value) => typeof value === 'string' && value.startsWith('x')),
				tree: z.lazy(() => z.object({ name: z.string() })),
				plain: z.boolean().optional(),
			}),
		}),
	}),
};
