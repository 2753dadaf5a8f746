import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [
    starlight({
      title: { en: 'Learning Hub', de: 'Lernzentrum', fa: 'مرکز یادگیری' },
      logo: { src: './src/assets/logo.svg' },
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        de: { label: 'Deutsch', lang: 'de' },
        fa: { label: 'فارسی', lang: 'fa', dir: 'rtl' },
      },
      sidebar: [
        { label: 'Start', translations: { de: 'Start', fa: 'شروع' }, link: '/' },
        { label: 'Guide', translations: { de: 'Anleitung', fa: 'راهنما' }, autogenerate: { directory: 'guide' } },
      ],
    }),
  ],
});
