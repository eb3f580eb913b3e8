import { Picker, Text, View } from '@tarojs/components';
import type { PeriodInput } from '@core/api/assessment.contract';
import Chips from '../../work/components/Chips';
import { PERIOD_LABELS, customPeriod, periodFor, type PeriodChoice } from '../assessment-view';

export interface PeriodState {
  choice: PeriodChoice;
  /** The dates of 自定义 as picked so far. */
  from: string | null;
  to: string | null;
}

/** The period a state means; null while 自定义 lacks a date. */
export function periodOfState(s: PeriodState, today: string): PeriodInput | null {
  return s.choice === 'custom' ? customPeriod(s.from, s.to) : periodFor(s.choice, today);
}

const CHOICES: PeriodChoice[] = ['month', 'lastMonth', 'last3', 'custom'];

/** 统计期: 本月 / 上月 / 近3个月, or two dates picked with the system date picker. */
export default function PeriodBar({ value, today, onChange }: { value: PeriodState; today: string; onChange: (v: PeriodState) => void }) {
  return (
    <View className="rq-filter">
      <Text className="rq-filter__label">统计期</Text>
      <Chips<PeriodChoice>
        className="e2e-period"
        value={value.choice}
        options={CHOICES.map((c) => ({ value: c, label: PERIOD_LABELS[c] }))}
        onChange={(choice) => {
          if (!choice) return;
          // 自定义 starts from the quick period shown so far, so the picker opens on sensible dates.
          const current = periodOfState(value, today) ?? periodFor('month', today);
          onChange(choice === 'custom' ? { choice, from: current.from, to: current.to } : { ...value, choice });
        }}
      />
      {value.choice === 'custom' && (
        <View className="rq-dates">
          <Picker mode="date" value={value.from ?? today} end={value.to ?? undefined} onChange={(e) => onChange({ ...value, from: String(e.detail.value) })}>
            <Text className="rq-date e2e-period-from">{value.from ?? '开始日期'}</Text>
          </Picker>
          <Text className="rq-dates__sep">至</Text>
          <Picker mode="date" value={value.to ?? today} start={value.from ?? undefined} onChange={(e) => onChange({ ...value, to: String(e.detail.value) })}>
            <Text className="rq-date e2e-period-to">{value.to ?? '结束日期'}</Text>
          </Picker>
        </View>
      )}
    </View>
  );
}
