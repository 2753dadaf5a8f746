// Module resolution hooks: Astro's virtual modules and Starlight's entry points become the shims.
const shims = {
	'astro:content': 'astro-content.mjs',
	'astro/zod': 'zod',
	'@astrojs/starlight/schema': 'starlight-schema.mjs',
	'@astrojs/starlight/loaders': 'starlight-loaders.mjs',
};

export async function resolve(specifier, context, next) {
	const shim = shims[specifier];
	if (shim === 'zod') return next('zod', context);
	if (shim) return { url: new URL(shim, import.meta.url).href, shortCircuit: true };
	return next(specifier, context);
}
