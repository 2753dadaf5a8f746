// remark configuration for bench/run.py: schema checks only.
//   BENCH_SCHEMA=path/to/schema.json node node_modules/remark-cli/cli.js --rc-path remarkrc.mjs ...
// BENCH_SCHEMA is relative to the working directory (the corpus root): the plugin joins
// schema paths with that directory.  The schema is bench/run.py's Ajv-ready copy of
// schemas/starlight.schema.json (see bench/README.md).
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schema = process.env.BENCH_SCHEMA;
if (!schema) throw new Error('set BENCH_SCHEMA to the schema path, relative to the working directory');

export default {
  plugins: [
    [remarkFrontmatter, ['yaml']],
    [remarkLintFrontmatterSchema, {
      schemas: { [schema]: ['src/content/docs/**/*.md', 'src/content/docs/**/*.mdx'] },
    }],
  ],
};
