// What a content config imports from Astro, reduced to what schemas need.
import { z } from 'zod';

export { z };
export const defineCollection = (config) => config;
// Astro's reference() accepts an entry id (a string); whether the entry exists is checked later.
export const reference = () => z.string();
