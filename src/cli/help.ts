export const HELP = `kfp-designer — magnus pipelines to Kubeflow Pipelines YAML

Usage:
  kfp-designer transpile <dag.yaml> [options]   write the Kubeflow pipeline
  kfp-designer validate <dag.yaml> [options]    check the pipeline, write nothing
  kfp-designer --help | --version

Run \`kfp-designer transpile --help\` for the options.
Exit status: 0 success, 1 errors in the input, 2 wrong usage.
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
