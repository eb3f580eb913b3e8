import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ScopeOptions } from '@core/api/notice.contract';
import type { NoticeLevel } from '@core/notices/notice';
import { allowedLevels, groupBy, LEVEL_LABELS, scopeSummary, shortName } from '../scope-view';

interface Props {
  options: ScopeOptions;
  level: NoticeLevel | null;
  ids: string[];
  onChange: (level: NoticeLevel, ids: string[]) => void;
  error?: string;
}

function Chip({ on, label, className, onClick }: { on: boolean; label: string; className: string; onClick: () => void }) {
  return (
    <View className={`rq-choice nt-chip ${on ? 'rq-choice--on e2e-on' : ''} ${className}`} onClick={onClick}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  );
}

/**
 * 发布范围: the level first (only those this person may use), then the places at that level. Buildings are
 * picked grid by grid. The summary says in words who will receive it.
 */
export default function ScopePicker({ options, level, ids, onChange, error }: Props) {
  const levels = allowedLevels(options);
  const chosen = new Set(ids);
  const firstGridWithChoice = options.buildings.find((b) => chosen.has(b.id))?.gridId;
  const [buildingGrid, setBuildingGrid] = useState<string | null>(firstGridWithChoice ?? options.grids[0]?.id ?? null);

  const toggle = (id: string) => {
    if (!level) return;
    onChange(level, chosen.has(id) ? ids.filter((x) => x !== id) : [...ids, id]);
  };
  const setAll = (groupIds: string[], on: boolean) => {
    if (!level) return;
    const rest = ids.filter((x) => !groupIds.includes(x));
    onChange(level, on ? [...rest, ...groupIds] : rest);
  };
  const summary = scopeSummary(options, level, ids);
  const oneCommunity = new Set(options.grids.map((g) => g.communityName)).size <= 1;

  return (
    <View className="nt-scope">
      <View className="rq-choices nt-scope__levels">
        {levels.map((l) => (
          <Chip key={l} on={level === l} label={LEVEL_LABELS[l]} className={`e2e-scope-level e2e-scope-level-${l}`} onClick={() => level !== l && onChange(l, [])} />
        ))}
      </View>

      {level === 'communities' && (
        <View className="rq-choices nt-scope__places">
          {options.communities.map((c) => (
            <Chip key={c.id} on={chosen.has(c.id)} label={c.name} className="e2e-scope-place" onClick={() => toggle(c.id)} />
          ))}
        </View>
      )}

      {level === 'grids' &&
        groupBy(options.grids, (g) => g.communityName).map((group) => {
          const groupIds = group.items.map((g) => g.id);
          const all = groupIds.every((id) => chosen.has(id));
          return (
            <View key={group.key} className="nt-scope__group">
              <View className="nt-scope__group-head">
                <Text className="nt-scope__group-name">{group.key}</Text>
                {groupIds.length > 1 && (
                  <Text className="nt-scope__all" onClick={() => setAll(groupIds, !all)}>
                    {all ? '取消全选' : '全选'}
                  </Text>
                )}
              </View>
              <View className="rq-choices">
                {group.items.map((g) => (
                  <Chip key={g.id} on={chosen.has(g.id)} label={shortName(g.name, g.communityName)} className="e2e-scope-place" onClick={() => toggle(g.id)} />
                ))}
              </View>
            </View>
          );
        })}

      {level === 'buildings' && (
        <>
          <Text className="nt-scope__step">先选网格，再选楼栋：</Text>
          <View className="rq-choices nt-scope__places">
            {options.grids.map((g) => {
              const n = options.buildings.filter((b) => b.gridId === g.id && chosen.has(b.id)).length;
              const label = `${oneCommunity ? shortName(g.name, g.communityName) : g.name}${n ? `（已选${n}）` : ''}`;
              return (
                <View key={g.id} className={`rq-choice nt-chip nt-chip--grid ${buildingGrid === g.id ? 'nt-chip--current' : ''} e2e-scope-building-grid`} onClick={() => setBuildingGrid(g.id)}>
                  <Text>{label}</Text>
                </View>
              );
            })}
          </View>
          {buildingGrid && (
            <View className="nt-scope__group">
              <View className="nt-scope__group-head">
                <Text className="nt-scope__group-name">{options.grids.find((g) => g.id === buildingGrid)?.name ?? ''}</Text>
                <Text
                  className="nt-scope__all"
                  onClick={() => {
                    const groupIds = options.buildings.filter((b) => b.gridId === buildingGrid).map((b) => b.id);
                    setAll(groupIds, !groupIds.every((id) => chosen.has(id)));
                  }}
                >
                  全选/取消
                </Text>
              </View>
              <View className="rq-choices">
                {options.buildings
                  .filter((b) => b.gridId === buildingGrid)
                  .map((b) => (
                    <Chip key={b.id} on={chosen.has(b.id)} label={b.name} className="e2e-scope-place" onClick={() => toggle(b.id)} />
                  ))}
              </View>
            </View>
          )}
        </>
      )}

      {summary ? (
        <View className="nt-scope__summary e2e-scope-summary">
          <Text>将发送给：{summary}</Text>
        </View>
      ) : null}
      {error && <Text className="field-error e2e-error-scope">{error}</Text>}
    </View>
  );
}
