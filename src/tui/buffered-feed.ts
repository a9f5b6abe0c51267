import type { SearchEvent, SearchListener } from '../search/events.js';
import type { SearchFeed } from './search-app.js';

/** A feed that remembers events until the app subscribes (the first events arrive before React mounts). */
export function createBufferedFeed(): SearchFeed & { push: SearchListener } {
  const buffered: SearchEvent[] = [];
  let subscriber: ((event: SearchEvent) => void) | null = null;
  return {
    push(event) {
      if (subscriber) subscriber(event);
      else buffered.push(event);
    },
    subscribe(listener) {
      subscriber = listener;
      for (const event of buffered.splice(0)) listener(event);
      return () => {
        subscriber = null;
      };
    },
  };
}
