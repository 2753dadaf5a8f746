// An `extend` object: the fields a curriculum adds to every lesson.
import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

const Lang = { Indonesian: 'id', English: 'en' };

export const collections = {
	docs: defineCollection({
		loader: docsLoader(),
		schema: docsSchema({
			extend: z.object({
				level: z.enum(['pemula', 'menengah', 'mahir']),
				duration: z.number().int().positive().describe('Minutes'),
				prerequisites: z.array(z.string()).optional(),
				author: z.string().min(2).max(40).optional(),
				quiz: z.boolean().default(false),
				tags: z.string().array().max(3).optional(),
				published: z.date().optional(),
				website: z.string().url().optional(),
				contact: z.string().email().optional(),
				code: z.string().regex(/^[A-Z]{3}-[0-9]+$/).optional(),
				series: z.string().startsWith('seri-').endsWith('!').optional(),
				ratio: z.number().min(0).max(1).nullable().optional(),
				kind: z.literal('lesson').optional(),
				lang: z.nativeEnum(Lang).optional(),
				scores: z.record(z.string(), z.number().nonnegative()).optional(),
				pair: z.tuple([z.string(), z.number()]).optional(),
				short: z.string().length(3).optional(),
			}),
		}),
	}),
};
