import type { DeployResult } from '../../deploy/deploy';

/** The links at the end: the run first, as that is what the user came for. */
export function DeployOutcome({ result }: { result: DeployResult }) {
  const { pipeline, version, experiment, run } = result;
  return (
    <div className="deploy-outcome" role="status">
      <p>
        {run ? 'Run started' : version.created ? 'Uploaded' : 'Already deployed'}: pipeline “{pipeline.name}”, version “{version.name}”
        {version.created ? '' : ' (this content was uploaded before; nothing new was uploaded)'}.
      </p>
      <ul className="deploy-links">
        {run && (
          <li>
            <a href={run.url} target="_blank" rel="noreferrer">
              Open the run in Kubeflow
            </a>
          </li>
        )}
        <li>
          <a href={version.url} target="_blank" rel="noreferrer">
            Open the pipeline version in Kubeflow
          </a>
        </li>
        {experiment && (
          <li>
            <a href={experiment.url} target="_blank" rel="noreferrer">
              Open the experiment in Kubeflow
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}
