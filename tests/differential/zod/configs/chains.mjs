// Same-file consts and object chains: extend, merge, partial, pick, omit, strict, passthrough.
import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

const person = z.object({ name: z.string().min(1), url: z.string().url().optional() });
const base = z.object({
	owner: person,
	reviewers: z.array(person).min(1),
	difficulty: z.number().int().min(1).max(5),
	keywords: z.array(z.string()).length(2),
});
const levels = ['dasar', 'lanjut'];

const extension = base
	.extend({ track: z.enum(levels) })
	.merge(z.object({ version: z.string().regex(/^v\d+$/i) }))
	.partial({ keywords: true })
	.omit({ difficulty: true })
	.extend({ meta: z.object({ source: z.string() }).passthrough().optional() })
	.extend({ team: person.pick({ name: true }).strict().optional() })
	.extend({ draftNote: person.omit({ url: true }).partial().optional() });

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: extension }) }),
};
