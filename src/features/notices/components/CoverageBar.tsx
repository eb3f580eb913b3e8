import { Text, View } from '@tarojs/components';
import type { CoverageRow } from '@core/api/notice.contract';
import { coverageFacts, coverageTone, reachFacts } from '../notice-view';

interface Props {
  row: CoverageRow;
  /** Show read and 已知晓 counts (a notice that asks residents to confirm). */
  requireAck?: boolean;
  /** The name as a heading; off when the bar sits under a title of its own. */
  showName?: boolean;
  /** 'reach': households only (a building, where reads are not counted separately). */
  facts?: 'full' | 'reach';
  className?: string;
  id?: string;
  onClick?: () => void;
}

/** 到户率 of one place: the percentage, a bar, and what it is made of (read in the app, visited, phoned). */
export default function CoverageBar({ row, requireAck, showName = true, facts = 'full', className, id, onClick }: Props) {
  const width = `${Math.round(row.rate * 1000) / 10}%`;
  return (
    <View id={id} className={`nt-cov ${onClick ? 'nt-cov--link' : ''} ${className ?? ''}`} hoverClass={onClick ? 'nt-cov--pressed' : 'none'} onClick={onClick}>
      <View className="nt-cov__head">
        {showName && <Text className="nt-cov__name">{row.name}</Text>}
        <Text className={`nt-cov__rate nt-cov__rate--${coverageTone(row.rate)} e2e-coverage-rate`}>{row.rateText}</Text>
        {onClick && <Text className="nt-cov__arrow">›</Text>}
      </View>
      <View className="nt-cov__track">
        <View className={`nt-cov__fill nt-cov__fill--${coverageTone(row.rate)}`} style={{ width }} />
      </View>
      <View className="nt-cov__facts e2e-coverage-facts">
        {(facts === 'full' ? coverageFacts(row, Boolean(requireAck)) : reachFacts(row)).map((part, i) => (
          <Text key={part} className="nt-cov__fact">
            {i > 0 ? ` · ${part}` : part}
          </Text>
        ))}
      </View>
    </View>
  );
}
