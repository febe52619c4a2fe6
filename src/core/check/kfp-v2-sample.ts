/**
 * A small KFP v2 pipeline in the block layout our writer produces, holding each construct the block
 * reader takes and each kind of member the checker's walk and rules meet: mappings and sequences,
 * compact `- key:` mappings nested in sequences, plain, double-quoted (with escapes), single-quoted
 * and `|` / `|-` / `|+` scalars, `[]` and `{}`, numbers and booleans, a quoted key, a plain value
 * with a colon, and blocks whose text repeats (by the entry before and by key). The checker reads and
 * checks it before the first large text of a process (kfp-v2.ts): see `primeKfpV2Check`.
 */
export const KFP_V2_SAMPLE = `components:
  comp-a:
    executorLabel: exec-a
    inputDefinitions:
      parameters:
        lr:
          defaultValue: "0.01"
          isOptional: true
          parameterType: STRING
        run_id:
          parameterType: STRING
  comp-b:
    executorLabel: exec-b
    inputDefinitions:
      parameters:
        run_id:
          parameterType: STRING
deploymentSpec:
  executors:
    exec-a:
      container:
        args:
          - "{{$.inputs.parameters['run_id']}}"
          - "{{$.inputs.parameters['lr']}}"
          - "say \\"hi\\" \\u00e9"
          - 'a: b'
          - host:8080
          - |
            one
            two
          - |-
            three
          - |+
            four

        command:
          - sh
          - -c
          - exec magnus execute_single_node "$0" a --log-level WARNING
        image: registry.example.com/team/job:1.0
        resources:
          accelerator:
            count: "1"
            resourceCount: "1"
            resourceType: nvidia.com/gpu
            type: nvidia.com/gpu
          cpuLimit: 1
          memoryLimit: 1.073741824
          resourceCpuLimit: "1"
          resourceMemoryLimit: 1Gi
    exec-b:
      container:
        command:
          - magnus
          - "{{$.inputs.parameters['run_id']}}"
          - b
        image: registry.example.com/team/job:1.0
        resources:
          accelerator:
            count: "1"
            resourceCount: "1"
            resourceType: nvidia.com/gpu
            type: nvidia.com/gpu
          cpuLimit: 1
          memoryLimit: 1.073741824
          resourceCpuLimit: "1"
          resourceMemoryLimit: 1Gi
pipelineInfo:
  description: a sample of every construct
  name: sample
root:
  dag:
    tasks:
      a:
        cachingOptions: {}
        componentRef:
          name: comp-a
        dependentTasks: []
        inputs:
          parameters:
            lr:
              componentInputParameter: lr
            run_id:
              runtimeValue:
                constant: "{{$.pipeline_job_uuid}}"
        retryPolicy:
          backoffDuration: 0s
          backoffFactor: 2
          backoffMaxDuration: 3600s
          maxRetryCount: 2
        taskInfo:
          name: a
      b:
        cachingOptions:
          enableCache: true
        componentRef:
          name: comp-b
        dependentTasks:
          - a
        inputs:
          parameters:
            run_id:
              runtimeValue:
                constant: "{{$.pipeline_job_uuid}}"
        taskInfo:
          name: b
  inputDefinitions:
    parameters:
      lr:
        defaultValue: "0.01"
        isOptional: true
        parameterType: STRING
schemaVersion: 2.1.0
sdkVersion: kfp-designer-0.1.0
---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-a:
          imagePullPolicy: Always
          nodeSelector:
            labels:
              "kubernetes.io/os": linux
          pvcMount:
            - constant: data
              mountPath: /mnt/data
              pvcNameParameter:
                runtimeValue:
                  constant: data
          secretAsEnv:
            - keyToEnv:
                - envVar: TOKEN
                  secretKey: value
              optional: false
              secretName: tok
              secretNameParameter:
                runtimeValue:
                  constant: tok
        exec-b:
          imagePullPolicy: Always
          nodeSelector:
            labels:
              "kubernetes.io/os": linux
          pvcMount:
            - constant: data
              mountPath: /mnt/data
              pvcNameParameter:
                runtimeValue:
                  constant: data
          secretAsEnv:
            - keyToEnv:
                - envVar: TOKEN
                  secretKey: value
              optional: false
              secretName: tok
              secretNameParameter:
                runtimeValue:
                  constant: tok
`;
