/**
 * What an import reports stays in Problems after the report is closed — until it is dismissed, the
 * import is undone, or (for a step's finding) the step is changed.
 */
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { corpusPath, open, problems, SLOW, toolbar } from './designer';

/** A local-container config: read as far as kfp shares its settings, the rest reported at import. */
const LOCAL_CONTAINER_CONFIG = `executor:
  type: local-container
  config:
    docker_image: ghcr.io/acme/app:1
    environment:
      A: b
    persistent_volumes:
      - name: magnus-volume
        mount_path: /mnt
run_log_store:
  type: file-system
  config:
    log_folder: /mnt/run_log_store
`;

test('import warnings stay in Problems, dismissible, and go with the import when it is undone', async ({ page }) => {
  await open(page);
  await toolbar(page).getByRole('button', { name: 'Import…' }).click();
  await page
    .getByRole('dialog', { name: 'Import magnus pipeline' })
    .getByLabel('Choose files')
    .setInputFiles([
      { name: 'simple.yaml', mimeType: 'application/yaml', buffer: readFileSync(corpusPath('0.5.0__examples__concepts__simple.yaml')) },
      { name: 'config.yaml', mimeType: 'application/yaml', buffer: Buffer.from(LOCAL_CONTAINER_CONFIG) },
    ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible(SLOW);
  await expect(report).toContainText('0 errors, 2 warnings');
  await expect(report).toContainText('W_EXECUTOR_NOT_KFP');
  await expect(report).toContainText('W_CONFIG_KEY_DROPPED');
  await report.getByRole('button', { name: 'Close' }).click();

  await expect(problems(page)).toContainText('0 errors, 2 warnings');
  const notKfp = problems(page).getByRole('button', { name: /^warning in executor.type: the executor is `local-container`, not `kfp`/ });
  const dropped = problems(page).getByRole('button', { name: /^warning in executor.environment: `environment` of the local-container executor/ });
  await expect(notKfp).toBeVisible();
  await expect(dropped).toBeVisible();

  await problems(page).getByRole('button', { name: /^Dismiss: warning in executor.environment/ }).click();
  await expect(dropped).toHaveCount(0);
  await expect(problems(page)).toContainText('0 errors, 1 warning');

  await toolbar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(problems(page)).toContainText('0 errors, 0 warnings');
  await toolbar(page).getByRole('button', { name: 'Redo' }).click();
  await expect(notKfp).toBeVisible();
});
