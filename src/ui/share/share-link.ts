/**
 * The share link's small decisions, kept apart from the browser so they can be tested: what a
 * fragment is, the link for a fragment, what the notices say, what the dialog says a link holds.
 */
import { walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import { SHARE_PREFIX } from '../../core/share';

/** Any version: a link from a newer designer is reported as unreadable rather than ignored. */
const SHARE_FRAGMENT = /^#?pipeline=/;

export const isShareHash = (hash: string): boolean => SHARE_FRAGMENT.test(hash);

/** The page's own address with the fragment in place of any other. */
export function shareUrl(href: string, fragment: string): string {
  const url = new URL(href);
  url.hash = fragment;
  return url.toString();
}

/** The address without its fragment, for history.replaceState once the link has been dealt with. */
export function withoutFragment(href: string): string {
  const url = new URL(href);
  url.hash = '';
  return url.toString().replace(/#$/, '');
}

/** Some chat tools and older browsers cut links past a few thousand characters; say so beyond that. */
export const LONG_LINK_CHARS = 8000;

export function sizeText(chars: number): string {
  return chars < 1000 ? `${chars} characters` : `${(chars / 1000).toFixed(chars < 10_000 ? 1 : 0)} kB`;
}

export function copiedNotice(url: string): string {
  const base = 'Link copied to the clipboard. The pipeline travels inside the link itself: nothing was uploaded.';
  return url.length > LONG_LINK_CHARS ? `${base} It is long (${sizeText(url.length)}); some chat tools and browsers cut links that long.` : base;
}

/** Links of this designer's format; a link of another version is refused before anything is read. */
export const isReadableShareHash = (hash: string): boolean => hash.replace(/^#/, '').startsWith(SHARE_PREFIX);

export const unreadableLinkNotice = (why: string) => `The shared link could not be read: ${why}. Nothing was loaded and your pipeline is as it was.`;
export const CANCELLED_LINK_NOTICE = 'Opening the shared link was cancelled; your pipeline is as it was.';
export const openedLinkNotice = (summary: string) => `Opened the shared pipeline: ${summary}. Undo brings yours back.`;

/** "6 steps (prepare data, train model, …), 2 parameters, image python:3.11" — what the dialog says the link holds. */
export function describeShared(pipeline: Pipeline): string {
  const names = [...walkSteps(pipeline.dag)].filter((v) => v.step.type !== 'success' && v.step.type !== 'fail').map((v) => v.path);
  const count = [...walkSteps(pipeline.dag)].length;
  const shown = names.slice(0, 4).join(', ') + (names.length > 4 ? ', …' : '');
  const parts = [`${count} ${count === 1 ? 'step' : 'steps'}${shown ? ` (${shown})` : ''}`];
  if (pipeline.parameters.length > 0) parts.push(`${pipeline.parameters.length} ${pipeline.parameters.length === 1 ? 'parameter' : 'parameters'}`);
  if (pipeline.executor.docker_image) parts.push(`image ${pipeline.executor.docker_image}`);
  return parts.join(', ');
}
