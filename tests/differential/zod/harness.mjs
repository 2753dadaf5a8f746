// Differential oracle: the real zod (the version Astro ships) judges each frontmatter case
// against the extension schema of one of the content configs in configs/.
//
//   node harness.mjs           writes ../../data/zod_verdicts.json
//   node harness.mjs --check   exits 1 if the committed file differs
//
// A verdict is: valid, or invalid with the set of top-level keys zod reports issues under.
// YAML is read as Astro reads frontmatter: js-yaml `load()` with its default schema.
import { register } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { cases } from './cases.mjs';

register('./shims/hooks.mjs', import.meta.url);

const here = dirname(fileURLToPath(import.meta.url));
const versionOf = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const { z } = await import('zod');
const context = { image: () => z.string() };

const schemas = {};
for (const name of new Set(cases.map((c) => c.config))) {
	const module = await import(pathToFileURL(join(here, 'configs', `${name}.mjs`)).href);
	schemas[name] = module.collections.docs.schema(context).extension;
}

function judge(schema, text) {
	let data;
	try {
		data = yaml.load(text);
	} catch (error) {
		return { valid: false, keys: [], zod_error: `YAML: ${error.reason}` };
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) data = {};
	const result = schema.safeParse(data);
	if (result.success) return { valid: true, keys: [], zod_error: '' };
	const keys = [...new Set(result.error.issues.flatMap((issue) => (issue.path.length ? [String(issue.path[0])] : issue.keys ?? [])))];
	const first = result.error.issues[0];
	return { valid: false, keys: keys.sort(), zod_error: `${first.path.join('.')}: ${first.message}`.slice(0, 300) };
}

const verdicts = {
	zod_version: versionOf('zod'),
	js_yaml_version: versionOf('js-yaml'),
	generated_by: 'tests/differential/zod/harness.mjs (see tests/differential/zod/README.md)',
	cases: cases.map((c) => ({ ...c, ...judge(schemas[c.config], c.yaml) })),
};

// What `astro sync` writes for each schema (astro/dist/content/types-generator.js generateJSONSchema):
// the same z.toJSONSchema() options, so eduforge's `schema = "astro"` reading is judged on the same cases.
verdicts.astro_schemas = Object.fromEntries(
	Object.entries(schemas).map(([name, schema]) => [
		name,
		z.toJSONSchema(schema.extend({ $schema: z.string().optional() }), {
			unrepresentable: 'any',
			override: (ctx) => {
				if (ctx.zodSchema._zod.def.type === 'date') {
					ctx.jsonSchema.type = 'string';
					ctx.jsonSchema.format = 'date-time';
				}
			},
			io: 'input',
		}),
	]),
);

const target = join(here, '..', '..', 'data', 'zod_verdicts.json');
const text = JSON.stringify(verdicts, null, 1) + '\n';
if (process.argv.includes('--check')) {
	const same = readFileSync(target, 'utf8') === text;
	console.log(same ? 'verdicts up to date' : 'verdicts differ from the committed file');
	process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
console.log(`${verdicts.cases.length} verdicts (${verdicts.cases.filter((c) => c.valid).length} valid) -> ${target}`);
