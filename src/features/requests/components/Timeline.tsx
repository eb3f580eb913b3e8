import { Text, View } from '@tarojs/components';
import type { TimelineEntry } from '@core/api/request.contract';
import { formatDateTime } from '../request-view';
import PhotoGrid from './PhotoGrid';

/** 办理过程: one entry per step, newest first — what was done, by whom, when, with the note and photos. */
export default function Timeline({ entries, now }: { entries: TimelineEntry[]; now: number }) {
  const newestFirst = [...entries].reverse();
  return (
    <View className="rq-timeline e2e-timeline">
      {newestFirst.map((e, i) => (
        <View key={`${e.at}-${e.action}-${i}`} className={`rq-tl e2e-timeline-entry ${i === 0 ? 'rq-tl--latest' : ''}`} data-action={e.action}>
          <View className="rq-tl__dot" />
          <View className="rq-tl__head">
            <Text className="rq-tl__action e2e-timeline-action">{e.actionLabel}</Text>
            <Text className="rq-tl__who e2e-timeline-who">{e.who}</Text>
          </View>
          <Text className="rq-tl__at e2e-timeline-at">{formatDateTime(e.at, now)}</Text>
          {e.note ? <Text className="rq-tl__note e2e-timeline-note">{e.note}</Text> : null}
          <PhotoGrid urls={e.photoUrls} className="e2e-timeline-photos" />
        </View>
      ))}
    </View>
  );
}
