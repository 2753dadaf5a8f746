import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://pusat-belajar.github.io',
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
