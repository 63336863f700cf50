import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CONFIGURATIONS } from '../configurations';
import { statefulResources } from '../stateful';

/**
 * The logical IDs of every stateful resource, for the default and the maximal configuration, are pinned in
 * stateful-ids.json. A change fails here until the manifest is regenerated on purpose
 * (`npx projen stateful-ids:update`) and the change is noted in CHANGELOG.md: upgrading would replace the resource.
 */
const MANIFEST = path.join(__dirname, 'stateful-ids.json');
const PINNED = ['defaults', 'everything'];

function current(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    PINNED.map((name) => [name, statefulResources(CONFIGURATIONS[name](new App({ builtinCloudFormationValidation: false }), name))]),
  );
}

if (process.env.UPDATE_STATEFUL_IDS === 'true') {
  fs.writeFileSync(MANIFEST, `${JSON.stringify(current(), undefined, 2)}\n`);
}

test.each(PINNED)('the stateful resources of the %s configuration keep their logical IDs', (name) => {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf-8'));
  expect(current()[name]).toEqual(manifest[name]);
});
