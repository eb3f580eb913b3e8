import { Text, View } from '@tarojs/components';
import type { HotIssue } from '@core/api/assessment.contract';
import { HOT_KIND_LABELS, riseText } from '../assessment-view';

/** 本月热点: what residents raised most this month and what rose sharpest, with a few excerpts (no names). */
export default function HotIssues({ issues, monthLabel }: { issues: HotIssue[]; monthLabel: string }) {
  return (
    <View className="section asm-hot e2e-hot">
      <Text className="section__title">本月热点</Text>
      <Text className="section__hint">{monthLabel}反映较多或增长较快的问题类别和地点，可据此安排未诉先办。</Text>
      {issues.length === 0 ? (
        <Text className="asm-hot__empty e2e-hot-empty">本月还没有居民反映的问题。</Text>
      ) : (
        issues.map((h) => (
          <View key={`${h.kind}:${h.id}`} className="asm-hot__item e2e-hot-item">
            <View className="asm-hot__head">
              <Text className="tag tag--primary">{HOT_KIND_LABELS[h.kind]}</Text>
              <Text className="asm-hot__name e2e-hot-name">{h.name}</Text>
              <Text className="asm-hot__count e2e-hot-count">{h.count} 件</Text>
            </View>
            <Text className={`asm-hot__rise ${h.rise === null || h.rise > 0 ? 'text-danger' : ''}`}>{riseText(h)}</Text>
            {h.examples.map((ex, i) => (
              <Text key={i} className="asm-hot__example">
                “{ex}”
              </Text>
            ))}
          </View>
        ))
      )}
    </View>
  );
}
