import type { ContentCheck } from '../../ports/content-check.port';

/** Local adapter: the street's configurable word list (settings.blockedWords). */
export const wordListContentCheck: ContentCheck = {
  async check({ text, streetWords }) {
    const normalized = text.replace(/\s+/g, '').toLowerCase();
    return streetWords.some((w) => w && normalized.includes(w.replace(/\s+/g, '').toLowerCase())) ? 'review' : 'pass';
  },
};
