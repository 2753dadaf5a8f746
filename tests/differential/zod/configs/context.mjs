// `extend` as a function of the schema context: image(), reference(), unions, coercion, wrappers.
import { defineCollection, reference, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
	docs: defineCollection({
		loader: docsLoader(),
		schema: docsSchema({
			extend: (context) =>
				z.object({
					cover: context.image().optional(),
					card: z.object({ title: z.string(), icon: z.string().optional() }).strict().optional(),
					section: z
						.discriminatedUnion('type', [
							z.object({ type: z.literal('video'), url: z.string().url() }),
							z.object({ type: z.literal('text'), words: z.number() }),
						])
						.optional(),
					related: reference('docs').optional(),
					series: z.union([z.string(), z.object({ name: z.string(), part: z.number().int() })]).optional(),
					minutes: z.coerce.number().optional(),
					featured: z.coerce.boolean(),
					note: z.string().nullish(),
					status: z.enum(['draft', 'ready']).catch('draft'),
					extra: z.any(),
					data: z.unknown().optional(),
					order: z.number().gt(0).lt(100).optional(),
					rating: z.number().nonnegative().max(5).default(0),
				}),
		}),
	}),
};
