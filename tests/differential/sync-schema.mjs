// Copies the Starlight facts that the hand-written schema must track from the verdicts file
// into schemas/starlight.schema.json: the built-in icon names ($defs.builtinIcon.enum) and
// x-starlight-version. Run after `npm run verdicts`; everything else in the schema is edited by hand.
import { readFileSync, writeFileSync } from 'node:fs';

const schemaUrl = new URL('../../schemas/starlight.schema.json', import.meta.url);
const verdicts = JSON.parse(readFileSync(new URL('../data/starlight_verdicts.json', import.meta.url), 'utf8'));
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
schema['x-starlight-version'] = verdicts.starlight_version;
schema.$defs.builtinIcon.enum = verdicts.icon_names;
writeFileSync(schemaUrl, JSON.stringify(schema, null, 2) + '\n');
console.log(`schema synced: Starlight ${verdicts.starlight_version}, ${verdicts.icon_names.length} icon names`);
