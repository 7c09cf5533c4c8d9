/** Writes a report file, creating its folder, so `--junit reports/ci/out.xml` works on a fresh clone. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type WriteReportFile = (path: string, text: string) => Promise<void>;

export const writeReportFile: WriteReportFile = async (path, text) => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
};
