import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { FigureView } from '@core/api/assessment.contract';
import type { IndicatorId } from '@core/assessment/indicators';

export interface ExtraFigure {
  key: string;
  label: string;
  display: string;
  definition: string;
  tone?: 'danger';
}

/**
 * The figures of a scope and period as cards: the value big, the label, and 「?」 that opens the definition
 * right under it (a line of text that wraps, not a toast, so it stays readable in 大字模式). A tap on the value
 * opens the requests behind it.
 */
export default function FigureCards({ figures, extras = [], onOpen }: { figures: FigureView[]; extras?: ExtraFigure[]; onOpen?: (f: FigureView) => void }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (k: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  const allOpen = open.size >= figures.length + extras.length;
  const card = (k: string, label: string, display: string, definition: string, opts: { tone?: 'danger'; onTap?: () => void; figure?: IndicatorId }) => (
    <View key={k} className={`asm-fig e2e-figure ${opts.figure ? `e2e-figure-${opts.figure}` : `e2e-figure-${k}`}`} data-figure={opts.figure ?? k}>
      <View className="asm-fig__head">
        <Text className="asm-fig__label">{label}</Text>
        <View className="asm-fig__help e2e-figure-help" ariaRole="button" ariaLabel={`${label}的含义`} onClick={() => toggle(k)}>
          <Text>?</Text>
        </View>
      </View>
      <Text
        className={`asm-fig__value e2e-figure-value ${opts.tone === 'danger' ? 'text-danger' : ''} ${opts.onTap ? 'asm-fig__value--link' : ''}`}
        onClick={opts.onTap}
      >
        {display}
      </Text>
      {opts.onTap && (
        <Text className="asm-fig__more" onClick={opts.onTap}>
          查看诉求 ›
        </Text>
      )}
      {open.has(k) && <Text className="asm-fig__def e2e-figure-definition">{definition}</Text>}
    </View>
  );
  return (
    <View className="asm-figs-wrap">
      <View className="asm-figs e2e-figures">
        {extras.map((x) => card(x.key, x.label, x.display, x.definition, { tone: x.tone }))}
        {figures.map((f) => card(f.id, f.label, f.display, f.definition, { figure: f.id, onTap: onOpen ? () => onOpen(f) : undefined }))}
      </View>
      <Text
        className="link asm-figs__all e2e-figure-help-all"
        onClick={() => setOpen(allOpen ? new Set() : new Set([...extras.map((x) => x.key), ...figures.map((f) => f.id)]))}
      >
        {allOpen ? '收起指标说明' : '展开全部指标说明'}
      </Text>
    </View>
  );
}
