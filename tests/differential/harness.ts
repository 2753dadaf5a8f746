// Differential oracle: asks Starlight's own docs schema whether each generated
// frontmatter case is valid, parsing the YAML exactly as Astro does.
//
//   npx tsx harness.ts            writes ../data/starlight_verdicts.json
//   npx tsx harness.ts --check    exits 1 if the committed file differs
//
// Pipeline reproduced (Astro 7 / Starlight 0.41):
//   astro/dist/content/utils.js safeParseFrontmatter()
//     -> @astrojs/internal-helpers/frontmatter parseFrontmatter(code, {frontmatter: 'empty-with-spaces'})
//        -> js-yaml `load(raw)` with default options (DEFAULT_SCHEMA; duplicate keys throw);
//           a result that is not an object becomes {}.
//   astro/dist/content/utils.js getEntryData()
//     -> schema = docsSchema()({image}) ; schema.safeParseAsync(data)
//   For content-layer collections Astro's `image()` is `z.string().transform(...)`; the transform
//   only rewrites the path, so `() => z.string()` gives the same verdicts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { z } from 'astro/zod';
import { docsSchema } from '@astrojs/starlight/schema';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { cases } from './gen-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const versionOf = (pkg: string) =>
	JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;

const schema: any = docsSchema()({ image: () => z.string() } as any);

/** The built-in icon names Starlight accepts for hero.actions[].icon (read from the schema itself). */
const iconNames: string[] = schema.shape.hero.unwrap().shape.actions.unwrap().element.shape.icon.unwrap().in
	.options[0].options;

function describeIssue(issue: any): string {
	const path = issue.path.length ? issue.path.join('.') : '(root)';
	let message = `${path}: ${issue.message}`;
	if (issue.code === 'invalid_union' && Array.isArray(issue.errors)) {
		const branches = issue.errors
			.map((branch: any[]) =>
				branch.map((i) => `${[...issue.path, ...i.path].join('.') || '(root)'}: ${i.message}`).join(', ')
			)
			.join(' | ');
		message += ` [${branches}]`;
	}
	return message.replace(/\s+/g, ' ').slice(0, 400);
}

async function judge(yaml: string): Promise<{ valid: boolean; starlight_error: string }> {
	let data: unknown;
	try {
		data = parseFrontmatter(`---\n${yaml}\n---\n`, { frontmatter: 'empty-with-spaces' }).frontmatter;
	} catch (err: any) {
		return { valid: false, starlight_error: `YAML: ${String(err.reason ?? err.message).slice(0, 300)}` };
	}
	const result = await schema.safeParseAsync(data);
	if (result.success) return { valid: true, starlight_error: '' };
	return { valid: false, starlight_error: describeIssue(result.error.issues[0]) };
}

const verdicts = {
	starlight_version: versionOf('@astrojs/starlight'),
	astro_version: versionOf('astro'),
	js_yaml_version: versionOf('js-yaml'),
	generated_by: 'tests/differential/harness.ts (see tests/differential/README.md)',
	icon_names: iconNames,
	cases: [] as any[],
};

for (const c of cases as { name: string; yaml: string }[]) {
	verdicts.cases.push({ name: c.name, yaml: c.yaml, ...(await judge(c.yaml)) });
}

const target = join(here, '..', 'data', 'starlight_verdicts.json');
const text = JSON.stringify(verdicts, null, 1) + '\n';
if (process.argv.includes('--check')) {
	const same = readFileSync(target, 'utf8') === text;
	console.log(same ? 'verdicts up to date' : 'verdicts differ from the committed file');
	process.exit(same ? 0 : 1);
}
writeFileSync(target, text);
const valid = verdicts.cases.filter((c: any) => c.valid).length;
console.log(
	`Starlight ${verdicts.starlight_version}: ${verdicts.cases.length} cases, ${valid} valid, ` +
		`${verdicts.cases.length - valid} invalid -> ${target}`
);
