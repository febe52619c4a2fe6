export const HELP = `kfp-designer — magnus pipelines to Kubeflow Pipelines YAML

Usage:
  kfp-designer transpile <dag.yaml> [options]   write the Kubeflow pipeline
  kfp-designer validate <dag.yaml> [options]    check the pipeline, write nothing
  kfp-designer deploy <dag.yaml> --host URL     upload to Kubeflow Pipelines (and run it)
  kfp-designer serve [--port P] [--kfp URL]     serve the designer, forwarding /apis/… to Kubeflow
  kfp-designer --help | --version

Run \`kfp-designer <command> --help\` for the options.
Exit status: 0 success, 1 errors in the input, 2 wrong usage, 3 Kubeflow failed or unreachable.
`;

const COMMON = `  -c, --config <file>          magnus config YAML (executor: {type: kfp, config: …})
  -p, --parameters <file>      parameters YAML (initial pipeline parameters)
      --var NAME=VALUE         value for \${NAME} / $NAME (repeatable; MAGNUS_VAR_NAME in the
                               environment counts too, --var wins)
      --image-dag-path <path>  the dag file's path inside the image (default: as typed here)
      --image-config-path <path>, --image-parameters-path <path>   likewise
      --allow-outside-cwd      also read nested dag_definition files outside the working directory
                               (refused by default: a dag from an untrusted pull request must not
                               make CI read arbitrary files)
  -v, --verbose                also print informational notes
  -h, --help                   this help
MAGNUS_PRM_<name> environment variables are pipeline parameters (the parameters file wins),
as they were for magnus. Diagnostics go to stderr as file:line:col: error|warning CODE: message.
`;

export const TRANSPILE_HELP = `Usage: kfp-designer transpile <dag.yaml> [options]

Writes the Kubeflow pipeline for a magnus DAG. Nested dag_definition files are read relative
to the working directory, as magnus did, and only from inside it (see --allow-outside-cwd).

  -t, --target <target>        kfp-v2 (default: pipeline spec + kfp-kubernetes platform spec),
                               kfp-v1 (Argo Workflow as the old magnus kfp plugin made it),
                               argo (the same workflow without Kubeflow metadata)
  -o, --output <file|->        where to write (default: the config's output_file, else
                               pipeline.yaml; - for stdout). An input file is never overwritten.
      --timestamp              add the compilation time (output is otherwise reproducible)
${COMMON}`;

export const VALIDATE_HELP = `Usage: kfp-designer validate <dag.yaml> [options]

Checks the pipeline as transpile would, prints every diagnostic, writes nothing.

${COMMON}`;

export const DEPLOY_HELP = `Usage: kfp-designer deploy <dag.yaml> --host URL [options]

Transpiles as \`transpile\` does (same diagnostics; exit 1 on errors in the input), then uploads to
Kubeflow Pipelines: a new pipeline when none of that name exists, else a new version of it. The
default version name is derived from the content: deploying the same content again uploads
nothing and says so. KFP 2.x gets KFP v2 YAML (v2beta1 API), KFP 1.8 KFP v1 YAML (v1beta1).

      --host <url>             the KFP API base, the prefix of /apis/… (default: $KF_PIPELINES_ENDPOINT):
                               http://localhost:8080 after
                               \`kubectl port-forward -n kubeflow svc/ml-pipeline-ui 8080:80\`,
                               https://HOST/pipeline behind the Kubeflow gateway
      --ui-url <url>           the Kubeflow Pipelines UI for links (default: --host)
  -t, --target <target>        kfp-v2 or kfp-v1 (default: what the server runs; KFP 2.x also runs
                               kfp-v1, KFP 1.8 never kfp-v2)
  -n, --namespace <ns>         your Kubeflow profile namespace (required by multi-user Kubeflow)
      --pipeline <name>        pipeline name (default: the dag file's name without extension)
      --version <name>         version name (default: sha256-<digest of the uploaded file>)
      --description <text>     description of the pipeline and the version
      --run                    then start a run:
      --experiment <name>        in this experiment, created when missing (default: Default)
      --run-name <name>          named so (default: <pipeline> <UTC time>)
      --param NAME=VALUE         a run parameter (repeatable), typed as the pipeline declares it;
                                 the others keep their defaults
      --token-file <file>      bearer token (default: $KFP_TOKEN, else the service-account token
                               at $KF_PIPELINES_SA_TOKEN_PATH or
                               /var/run/secrets/kubeflow/pipelines/token when present);
                               $KFP_COOKIE adds a session cookie (name=value) of a Kubeflow login
      --timeout <seconds>      per request (default: 60)
      --retries <n>            further tries after a transient failure: 5xx from a gateway,
                               network errors, timeouts of reads (default: 3)
      --json                   print {"pipeline_id","version_id","run_id","run_url"} on stdout
${COMMON}Tokens and cookies are never printed, logged or written.
Exit status: 0 success, 1 errors in the input, 2 wrong usage (or a server that cannot run the
target), 3 Kubeflow refused, failed or could not be reached.
`;

export const SERVE_HELP = `Usage: kfp-designer serve [--port P] [--kfp URL] [options]

Serves the designer (the production build) and, with --kfp, forwards /apis/v1beta1/… and
/apis/v2beta1/… to Kubeflow Pipelines from the same origin: Kubeflow sends no CORS headers, so
the designer's "Run on Kubeflow" works only through such a proxy.

  -p, --port <port>            port to listen on (default: 5180; 0 = any free port)
      --bind <address>         address to listen on (default: 127.0.0.1; 0.0.0.0 to share it)
      --kfp <url>              the KFP API base to forward to, e.g. http://localhost:8080
      --ui-url <url>           the Kubeflow Pipelines UI for links (default: --kfp)
      --token-file <file>      bearer token added to forwarded requests that carry none
                               (default: $KFP_TOKEN, else the service-account token when present);
                               $KFP_COOKIE adds a session cookie. The browser's own cookies are
                               never forwarded.
      --dist <dir>             the build to serve (default: the package's dist/)
  -h, --help                   this help
`;
