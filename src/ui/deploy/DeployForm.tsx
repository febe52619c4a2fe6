import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DeployResult } from '../../deploy/deploy';
import type { KfpEndpointInfo } from '../../deploy/endpoint-info';
import { DeployError } from '../../deploy/errors';
import { loadSettings, loadToken, saveSettings, saveToken, type FormatChoice } from './deploy-settings';
import { DeployOutcome } from './DeployOutcome';
import { pageEndpoint } from './endpoint';
import { NoProxyHelp } from './NoProxyHelp';
import type { DeploySource } from './deploy-source';
import { runDeploy, type DeployChoices } from './run-deploy';
import './deploy.css';

type Status = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: DeployResult } | { kind: 'failed'; message: string; auth: boolean };

/** The "Run on Kubeflow" dialog's content: the choices, then the progress and the links. */
export function DeployForm({ source, onDone }: { source: DeploySource; onDone: () => void }) {
  const [endpoint] = useState(pageEndpoint);
  return endpoint ? <ConnectedForm source={source} endpoint={endpoint} onDone={onDone} /> : <NoProxyHelp onDone={onDone} />;
}

function ConnectedForm({ source, endpoint, onDone }: { source: DeploySource; endpoint: KfpEndpointInfo; onDone: () => void }) {
  const [choices, setChoices] = useState<DeployChoices>(() => initialChoices(source));
  const [progress, setProgress] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const running = useRef<AbortController | undefined>(undefined);
  // Closing the dialog cancels what is in flight.
  useEffect(() => () => running.current?.abort(), []);
  const set = <K extends keyof DeployChoices>(key: K, value: DeployChoices[K]) => setChoices((c) => ({ ...c, [key]: value }));
  const busy = status.kind === 'running';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    saveSettings(localStorage, { namespace: choices.namespace, experiment: choices.experiment, format: choices.format, authMode: choices.authMode });
    saveToken(sessionStorage, choices.authMode === 'token' ? choices.token : '');
    const controller = new AbortController();
    running.current = controller;
    setProgress([]);
    setStatus({ kind: 'running' });
    try {
      const result = await runDeploy(source, choices, endpoint, {
        fetch: (input, init) => window.fetch(input, init),
        signal: controller.signal,
        onProgress: (e) => setProgress((lines) => [...lines, e.message]),
      });
      setStatus({ kind: 'done', result });
    } catch (error) {
      if (controller.signal.aborted) return setStatus({ kind: 'idle' });
      const known = error instanceof DeployError;
      setStatus({ kind: 'failed', message: known ? capitalise(error.message) : `Unexpected failure: ${String(error)}`, auth: known && error.kind === 'auth' });
    } finally {
      running.current = undefined;
    }
  };

  return (
    <form className="deploy-form" aria-label="Deploy to Kubeflow" onSubmit={(e) => void submit(e)}>
      <p className="modal-lead" role="note">
        Kubeflow Pipelines at <code>{endpoint.endpoint}</code>, through this page’s server
        {endpoint.serverAuth.length > 0 ? `, which adds its own ${endpoint.serverAuth.join(' and ')}` : ''}.
      </p>
      <fieldset className="deploy-fields" disabled={busy}>
        <div className="deploy-grid">
          <Field label="Pipeline name">
            <input required value={choices.pipelineName} onChange={(e) => set('pipelineName', e.target.value)} data-autofocus />
          </Field>
          <Field label="Version name">
            <input value={choices.versionName} placeholder="derived from the content" onChange={(e) => set('versionName', e.target.value)} />
          </Field>
          <Field label="Namespace">
            <input value={choices.namespace} placeholder="your profile, on multi-user Kubeflow" onChange={(e) => set('namespace', e.target.value)} />
          </Field>
          <Field label="Pipeline format">
            <select value={choices.format} onChange={(e) => set('format', e.target.value as FormatChoice)}>
              <option value="auto">What the server runs (KFP v2 on 2.x)</option>
              <option value="kfp-v2">KFP v2</option>
              <option value="kfp-v1">KFP v1 (Argo)</option>
            </select>
          </Field>
        </div>
        <CredentialsFields endpoint={endpoint} choices={choices} set={set} />
        <RunFields choices={choices} set={set} />
      </fieldset>
      {progress.length > 0 && (
        <ol className="deploy-progress" aria-label="Progress">
          {progress.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      )}
      {busy && <p role="status">Working…</p>}
      {status.kind === 'failed' && (
        <div role="alert" className="deploy-failure">
          <p>{status.message}</p>
          {status.auth && <p className="deploy-hint">Enter a token for Kubeflow here, or start the server with one (KFP_TOKEN, --token-file, KFP_COOKIE).</p>}
        </div>
      )}
      {status.kind === 'done' && <DeployOutcome result={status.result} />}
      <div className="modal-actions">
        <button type="submit" disabled={busy}>
          {choices.startRun ? 'Upload and run' : 'Upload'}
        </button>
        <button type="button" onClick={busy ? () => running.current?.abort() : onDone}>
          {busy ? 'Cancel' : 'Close'}
        </button>
      </div>
    </form>
  );
}

type Setter = <K extends keyof DeployChoices>(key: K, value: DeployChoices[K]) => void;

function CredentialsFields({ endpoint, choices, set }: { endpoint: KfpEndpointInfo; choices: DeployChoices; set: Setter }) {
  const name = useId();
  const hint = useId();
  return (
    <fieldset className="deploy-group">
      <legend>Credentials</legend>
      <label className="deploy-choice">
        <input type="radio" name={name} checked={choices.authMode === 'none'} onChange={() => set('authMode', 'none')} />
        {endpoint.serverAuth.length > 0 ? `The server’s own (${endpoint.serverAuth.join(' and ')})` : 'None (a port-forwarded or open Kubeflow)'}
      </label>
      <label className="deploy-choice">
        <input type="radio" name={name} checked={choices.authMode === 'token'} onChange={() => set('authMode', 'token')} />A bearer token
      </label>
      {choices.authMode === 'token' && (
        <>
          <Field label="Token">
            <input type="password" autoComplete="off" spellCheck={false} aria-describedby={hint} value={choices.token} onChange={(e) => set('token', e.target.value)} />
          </Field>
          <small id={hint} className="deploy-hint">
            Kept in this tab only (session storage), never with the pipeline. A Kubernetes service-account token with the audience
            pipelines.kubeflow.org, e.g. from <code>kubectl create token</code>.
          </small>
        </>
      )}
    </fieldset>
  );
}

function RunFields({ choices, set }: { choices: DeployChoices; set: Setter }) {
  return (
    <fieldset className="deploy-group">
      <legend>
        <label className="deploy-choice">
          <input type="checkbox" checked={choices.startRun} onChange={(e) => set('startRun', e.target.checked)} />
          Start a run
        </label>
      </legend>
      {choices.startRun && (
        <>
          <div className="deploy-grid">
            <Field label="Experiment">
              <input value={choices.experiment} onChange={(e) => set('experiment', e.target.value)} />
            </Field>
            <Field label="Run name">
              <input value={choices.runName} placeholder="pipeline name and time" onChange={(e) => set('runName', e.target.value)} />
            </Field>
          </div>
          {choices.parameters.size > 0 && (
            <fieldset className="deploy-group">
              <legend>Run parameters</legend>
              <div className="deploy-grid">
                {[...choices.parameters].map(([parameter, value]) => (
                  <Field key={parameter} label={parameter}>
                    <input value={value} spellCheck={false} onChange={(e) => set('parameters', new Map(choices.parameters).set(parameter, e.target.value))} />
                  </Field>
                ))}
              </div>
            </fieldset>
          )}
        </>
      )}
    </fieldset>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="deploy-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function initialChoices(source: DeploySource): DeployChoices {
  const settings = loadSettings(localStorage);
  const token = loadToken(sessionStorage);
  return {
    pipelineName: source.pipelineName,
    versionName: '',
    namespace: settings.namespace,
    experiment: settings.experiment,
    startRun: true,
    runName: '',
    format: settings.format,
    authMode: settings.authMode ?? (token ? 'token' : 'none'),
    token,
    parameters: new Map(source.parameters.map((p) => [p.name, String(p.defaultValue ?? '')])),
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
