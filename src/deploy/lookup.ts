import type { Ref } from './flow';
import type { KfpHttp } from './http';

/** An object of an answer as a Ref; an answer without the id is the server's failure. */
export function refFrom(http: KfpHttp, what: string, id: string | undefined, name: string): Ref {
  if (!id) throw http.error('server', `${what}: the answer has no id`);
  return { id, name };
}

/**
 * The listed object named exactly `name`, from a list call filtered to that name (one page of
 * 100 is plenty for an equality filter). `prefer` picks among several, e.g. the user's namespace.
 */
export async function findNamed<T>(
  http: KfpHttp,
  options: {
    what: string;
    path: string;
    query: Record<string, string | undefined>;
    /** The answer's field holding the list (absent when empty: README §2). */
    list: string;
    name: string;
    nameOf: (item: T) => string | undefined;
    idOf: (item: T) => string | undefined;
    prefer?: (item: T) => boolean;
  },
): Promise<Ref | undefined> {
  const answer = await http.json<Record<string, T[] | undefined>>({ method: 'GET', path: options.path, query: { ...options.query, page_size: '100' }, retrySafe: true, what: options.what });
  const matches = (answer[options.list] ?? []).filter((item) => options.nameOf(item) === options.name);
  const found = (options.prefer && matches.find(options.prefer)) ?? matches[0];
  return found && refFrom(http, options.what, options.idOf(found), options.name);
}
