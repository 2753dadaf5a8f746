// The extension lives in another module (a relative import).
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { courseSchema } from './schemas/course.mjs';

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: courseSchema }) }),
};
