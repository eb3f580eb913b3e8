import { Text, View } from '@tarojs/components';
import type { WorkerSummary } from '@core/api/contract';
import { formatPhone } from '../../../lib/format';

interface Props {
  workers: WorkerSummary[];
  value: string | null;
  /** Shown first when choosing is optional (B角): picks null. */
  noneLabel?: string;
  /** Someone who cannot be picked here (the primary, when picking the B角). */
  excludeId?: string | null;
  onChange: (id: string | null) => void;
  className: string;
}

function covers(w: WorkerSummary): string {
  const parts = [...w.grids, ...w.backupGrids.map((g) => `${g}（B角）`)];
  return parts.length ? `已负责：${parts.join('、')}` : '目前未负责网格';
}

/** A list of big radio rows: each worker with the grids they already cover, so the load is visible. */
export default function WorkerPicker({ workers, value, noneLabel, excludeId, onChange, className }: Props) {
  return (
    <View className={`pick ${className}`}>
      {noneLabel && (
        <View className={`pick__item e2e-pick-none ${value === null ? 'pick__item--on' : ''}`} onClick={() => onChange(null)}>
          <View className="pick__radio" />
          <View className="pick__main">
            <Text className="pick__name">{noneLabel}</Text>
          </View>
        </View>
      )}
      {workers
        .filter((w) => w.id !== excludeId)
        .map((w) => (
          <View key={w.id} id={`pick-${w.id}`} className={`pick__item e2e-pick-worker ${value === w.id ? 'pick__item--on' : ''}`} onClick={() => onChange(w.id)}>
            <View className="pick__radio" />
            <View className="pick__main">
              <Text className="pick__name">
                {w.name}
                {w.workPhone ? `\u3000${formatPhone(w.workPhone)}` : ''}
              </Text>
              <Text className="pick__sub">{covers(w)}</Text>
            </View>
          </View>
        ))}
    </View>
  );
}
