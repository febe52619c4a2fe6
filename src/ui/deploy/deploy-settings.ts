/**
 * What the dialog remembers. The choices (namespace, experiment, format, kind of auth) are kept in
 * localStorage, apart from the pipeline: they are about the user's Kubeflow, not the pipeline, so
 * they never travel in autosave, share links or exports. The token is kept in sessionStorage only:
 * this tab, until it closes.
 */
/** `none`: nothing from the page (the server may add its own credentials); `token`: a bearer token entered here. */
export type AuthMode = 'none' | 'token';
export type FormatChoice = 'auto' | 'kfp-v2' | 'kfp-v1';

export interface DeploySettings {
  namespace: string;
  experiment: string;
  format: FormatChoice;
  authMode?: AuthMode;
}

export const SETTINGS_KEY = 'kfp-designer.deploy.v1';
export const TOKEN_KEY = 'kfp-designer.kfp-token';

const DEFAULTS: DeploySettings = { namespace: '', experiment: 'Default', format: 'auto' };

export function loadSettings(storage: Storage): DeploySettings {
  try {
    const saved = JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}') as Partial<DeploySettings>;
    return {
      namespace: typeof saved.namespace === 'string' ? saved.namespace : DEFAULTS.namespace,
      experiment: typeof saved.experiment === 'string' && saved.experiment !== '' ? saved.experiment : DEFAULTS.experiment,
      format: saved.format === 'kfp-v2' || saved.format === 'kfp-v1' ? saved.format : 'auto',
      ...(saved.authMode === 'none' || saved.authMode === 'token' ? { authMode: saved.authMode } : {}),
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(storage: Storage, settings: DeploySettings): void {
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // storage disabled: the dialog works, it only forgets
  }
}

export function loadToken(session: Storage): string {
  try {
    return session.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** An empty token removes the stored one. */
export function saveToken(session: Storage, token: string): void {
  try {
    if (token) session.setItem(TOKEN_KEY, token);
    else session.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lives as long as the dialog
  }
}
