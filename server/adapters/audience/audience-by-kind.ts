import type { OutboxAudience } from '@core/messages/message';
import type { AudiencePage, AudienceSource } from '../../ports/audience.port';

const NO_ONE: AudiencePage = { userIds: [], next: null };

/** Routes each audience to the source for its kind; an audience of a kind without a source lists no one. */
export function audienceByKind(sources: Partial<Record<OutboxAudience['kind'], AudienceSource>>): AudienceSource {
  return {
    async page(audience, cursor, limit) {
      const source = Object.prototype.hasOwnProperty.call(sources, audience.kind) ? sources[audience.kind] : undefined;
      return source ? source.page(audience, cursor, limit) : { ...NO_ONE, userIds: [] };
    },
  };
}

/** The default: no source plugged in, so every audience lists no one. */
export const noAudience: AudienceSource = audienceByKind({});
