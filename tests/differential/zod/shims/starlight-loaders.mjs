export const docsLoader = () => ({ name: 'docs-loader' });
