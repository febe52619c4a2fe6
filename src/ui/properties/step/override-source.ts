import type { SettingSource } from '../../../core/model/effective';

/** "inherited from the pipeline settings" / "overridden on this step": the badge word and the rest. */
export function describeSource(source: SettingSource, defaultMeaning?: string): { badge: 'inherited' | 'overridden'; from: string } {
  switch (source.kind) {
    case 'step':
      return { badge: 'overridden', from: 'on this step' };
    case 'global':
      return { badge: 'inherited', from: 'from the pipeline settings' };
    case 'profile':
      return { badge: 'inherited', from: `from profile ${source.profile}` };
    case 'default':
      return { badge: 'inherited', from: defaultMeaning ? `from magnus's default (${defaultMeaning})` : "from magnus's default" };
  }
}
