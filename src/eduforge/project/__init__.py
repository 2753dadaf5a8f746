"""The Starlight project as Astro and Starlight read it: config files, sidebar, locales, routes, versions."""
