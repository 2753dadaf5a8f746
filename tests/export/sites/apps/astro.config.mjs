import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://belajar.example.org',
  base: '/kursus',
  integrations: [
    starlight({
      title: { id: 'Kursus Kita', 'pt-BR': 'Nosso Curso', ar: 'دورتنا' },
      logo: { src: './src/assets/logo.svg' },
      defaultLocale: 'root',
      locales: {
        root: { label: 'Bahasa Indonesia', lang: 'id' },
        'pt-br': { label: 'Português do Brasil', lang: 'pt-BR' },
        ar: { label: 'العربية', lang: 'ar' },
      },
    }),
  ],
});
