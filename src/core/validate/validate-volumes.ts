import type { Diagnostic } from '../diagnostics';
import type { Json, Pipeline, Service } from '../model/types';
import { DNS1123_RULE, isDns1123Subdomain } from './names';
import { error, quote, type Target } from './report';
import { resolvedText } from './written';
import { RUNNABLE_MOUNT } from '../emit/plan';

/** Service types that mount a claim into every container (§9.2). */
export const PVC_SERVICE_TYPES = ['k8s-pvc', 'chunked-k8s-pvc'];

/**
 * Persistent volumes of the executor and of the run log store / catalog services: valid claim
 * names, absolute mount paths, and each claim and mount path used once in the whole pipeline —
 * magnus refuses a claim used twice, Kubernetes a mount path used twice.
 */
export function validateVolumes(pipeline: Pipeline): Diagnostic[] {
  const volumes = collectVolumes(pipeline);
  const diagnostics = volumes.flatMap((volume) => checkVolume(pipeline, volume));
  diagnostics.push(...duplicates(pipeline, volumes, 'claim'), ...duplicates(pipeline, volumes, 'mountPath'));
  return diagnostics;
}

interface MountedVolume {
  claim: string;
  mountPath: string;
  /** "the executor config", "the run log store". */
  owner: string;
  claimTarget: Target;
  mountTarget: Target;
}

function collectVolumes(pipeline: Pipeline): MountedVolume[] {
  const volumes: MountedVolume[] = (pipeline.executor.persistent_volumes ?? []).map((v) => {
    const target = { field: `executor.persistent_volumes.${v.claim}` };
    return { claim: v.claim, mountPath: v.mountPath, owner: 'the executor config', claimTarget: target, mountTarget: target };
  });
  if (pipeline.executor.pvc_for_runnable) {
    const target = { field: 'executor.pvc_for_runnable' };
    volumes.push({ claim: pipeline.executor.pvc_for_runnable, mountPath: RUNNABLE_MOUNT, owner: "runnable's own volume (pvc_for_runnable)", claimTarget: target, mountTarget: target });
  }
  for (const service of pipeline.services) {
    if (!PVC_SERVICE_TYPES.includes(service.type ?? '')) continue;
    const field = `services.${service.key}`;
    volumes.push({
      claim: text(service.config?.persistent_volume_name),
      mountPath: text(service.config?.mount_path),
      owner: serviceLabel(service),
      claimTarget: { field: `${field}.persistent_volume_name` },
      mountTarget: { field: `${field}.mount_path` },
    });
  }
  return volumes;
}

const text = (value: Json | undefined) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** `run_log_store` → "the run log store". */
const serviceLabel = (service: Service) => `the ${service.key.replace(/[-_]/g, ' ')}`;

function checkVolume(pipeline: Pipeline, volume: MountedVolume): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const claim = resolvedText(pipeline, volume.claim);
  const mountPath = resolvedText(pipeline, volume.mountPath);
  if (claim === '') {
    diagnostics.push(error('E_VOLUME_CLAIM_MISSING', `${volume.owner} mounts a volume without a claim name; give the PersistentVolumeClaim to mount`, volume.claimTarget));
  } else if (claim !== undefined && !isDns1123Subdomain(claim)) {
    diagnostics.push(error('E_VOLUME_CLAIM_NAME', `${quote(claim)} (in ${volume.owner}) is not a valid PersistentVolumeClaim name: ${DNS1123_RULE}`, volume.claimTarget));
  }
  if (mountPath === '') {
    diagnostics.push(error('E_VOLUME_MOUNT_PATH', `${volume.owner} mounts claim ${quote(volume.claim)} without a mount path; give an absolute path (e.g. /mnt/data)`, volume.mountTarget));
  } else if (mountPath !== undefined && !mountPath.startsWith('/')) {
    diagnostics.push(
      error('E_VOLUME_MOUNT_PATH', `mount path ${quote(mountPath)} (in ${volume.owner}) must be absolute: containers mount at a path from the root (e.g. /${mountPath.replace(/^\.?\/*/, '')})`, volume.mountTarget),
    );
  }
  return diagnostics;
}

function duplicates(pipeline: Pipeline, volumes: MountedVolume[], key: 'claim' | 'mountPath'): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, MountedVolume>();
  for (const volume of volumes) {
    const resolved = resolvedText(pipeline, volume[key]);
    if (resolved === undefined || resolved === '') continue;
    const normalised = key === 'mountPath' ? resolved.replace(/\/+$/, '') || '/' : resolved;
    const earlier = first.get(normalised);
    if (!earlier) {
      first.set(normalised, volume);
      continue;
    }
    diagnostics.push(
      key === 'claim'
        ? error(
            'E_VOLUME_CLAIM_DUPLICATE',
            `claim ${quote(resolved)} is mounted by ${volume.owner} and already by ${earlier.owner}; magnus allows each persistent volume claim once in a pipeline, so mount it once and share the path`,
            volume.claimTarget,
          )
        : error(
            'E_VOLUME_MOUNT_DUPLICATE',
            `${volume.owner} mounts ${quote(volume.claim)} at ${quote(resolved)}, where ${earlier.owner} already mounts ${quote(earlier.claim)}; Kubernetes refuses two volumes at one path, so pick another path`,
            volume.mountTarget,
          ),
    );
  }
  return diagnostics;
}
