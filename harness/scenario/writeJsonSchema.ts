// `npm run schema` (also run by `npm install`): writes scenarios/scenario.schema.json for editors.
import { writeFileSync } from 'node:fs';
import { createCatalogue } from '../catalogue.ts';
import { scenarioJsonSchema } from './jsonSchema.ts';

const out = process.argv[2] ?? 'scenarios/scenario.schema.json';
writeFileSync(out, `${JSON.stringify(scenarioJsonSchema(createCatalogue()), null, 2)}\n`);
console.log(`wrote ${out}`);
