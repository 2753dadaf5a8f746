// The first user's layout (../shared/GUIDE.md §1): a manual sidebar, a base, Starlight 0.28 syntax.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
	site: 'https://example.github.io',
	base: '/pusat-belajar',
	integrations: [
		starlight({
			title: 'Pusat Belajar',
			sidebar: [
				{ label: 'Pengenalan', link: '/pengenalan' },
				{ label: 'Tutorials', autogenerate: { directory: 'tutorials' } },
			],
		}),
	],
});
