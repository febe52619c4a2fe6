/** What to do when the page is not served with a Kubeflow connection (npm start, vite preview, a static host). */
export function NoProxyHelp({ onDone }: { onDone: () => void }) {
  return (
    <div className="deploy-form">
      <p className="modal-lead" role="note">
        This page is not connected to a Kubeflow. Kubeflow Pipelines sends no CORS headers, so a browser page can only reach it through
        the server the page comes from. Serve the designer with a connection:
      </p>
      <ol className="deploy-steps">
        <li>
          Reach Kubeflow Pipelines, e.g. <code>kubectl port-forward -n kubeflow svc/ml-pipeline-ui 8080:80</code>
        </li>
        <li>
          Start <code>npx kfp-designer serve --kfp http://localhost:8080</code> and open the address it prints.
        </li>
      </ol>
      <p className="deploy-hint">
        Behind a Kubeflow login, give <code>serve</code> a token (<code>KFP_TOKEN</code>, <code>--token-file</code>) or a session cookie
        (<code>KFP_COOKIE</code>), or enter a token in this dialog. From CI: <code>npx kfp-designer deploy dag.yaml --host URL --run</code>.
        Everything else in the designer works without it.
      </p>
      <div className="modal-actions">
        <button type="button" data-autofocus onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}
